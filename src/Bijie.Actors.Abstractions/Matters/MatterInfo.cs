namespace Bijie.Actors.Abstractions;

/// <summary>A support matter as it stands. Its steps are at most four and its escalations a count: bounded.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatterInfo")]
public sealed record MatterInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] string HelperId,
    [property: Id(4)] string? LocalityCode,
    [property: Id(5)] Track? Domain,
    [property: Id(6)] string ResponsibleStaffId,
    [property: Id(7)] DateOnly Due,
    [property: Id(8)] IReadOnlyList<MatterStepRecord> Steps,
    [property: Id(9)] int Escalations,
    [property: Id(10)] DateTimeOffset? LastEscalatedAt,
    [property: Id(11)] int Version)
{
    /// <summary>The last step taken.</summary>
    public MatterStep Step => Steps[^1].Step;

    /// <summary>Concluded (办结) or fed back: no longer watched for its due date.</summary>
    public bool Closed => Step >= MatterStep.Concluded;

    /// <summary>Past its due date (end of that day, Asia/Shanghai) and not concluded.</summary>
    public bool IsOverdue(DateTimeOffset now) => !Closed && now >= MatterRules.DueEnd(Due);
}
