namespace Bijie.Actors.Ledger;

/// <summary>What an entry records.</summary>
public enum EntryKind : short
{
    /// <summary>A progress report (进展填报): values for indicators.</summary>
    Report = 1,

    /// <summary>The reversal of an earlier report: its values negated. A correction is a reversal and a new report.</summary>
    Reversal = 2,

    /// <summary>A change of a pairing or project: its new snapshot and the memberships it adds or removes.</summary>
    SubjectChange = 3,

    /// <summary>The office's approval of a report (审核): its values again under reviewed:{indicator}, for the reviewed share.</summary>
    Review = 4,
}
