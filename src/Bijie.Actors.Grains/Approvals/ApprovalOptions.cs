namespace Bijie.Actors.Grains.Approvals;

/// <summary>Options of the level-by-level approval (configuration section <c>Bijie:Approval</c>).</summary>
public sealed class ApprovalOptions
{
    public const string Section = "Bijie:Approval";

    /// <summary>
    /// The levels that approve, in any order: a level left out is skipped (where it has no staff, its approval falls to the
    /// level above). The deepest of them is the batch: by default a township's figures (村级无专人：乡镇审核 → 县级审定 → 市级).
    /// </summary>
    [System.ComponentModel.DataAnnotations.MinLength(1)]
    public List<Abstractions.LocalityLevel> Levels { get; set; } = [Abstractions.LocalityLevel.Township, Abstractions.LocalityLevel.County, Abstractions.LocalityLevel.City];

    public Abstractions.LocalityLevel UnitLevel => Levels.Max();

    /// <summary>Days after a period ends within which its batches are approved; after them the levels still to approve are reminded daily.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 365)] public int DueDays { get; set; } = 30;
}
