namespace Bijie.Actors.Abstractions;

/// <summary>A need in the lists and the boards' counts.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.NeedSummary")]
public sealed record NeedSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] Track Domain,
    [property: Id(3)] string LocalityCode,
    [property: Id(4)] NeedStatus Status,
    [property: Id(5)] NeedUrgency Urgency,
    [property: Id(6)] DateOnly Deadline,
    [property: Id(7)] DateTimeOffset PostedAt,
    [property: Id(8)] DateTimeOffset? MatchedAt,
    [property: Id(9)] string? MatchedHelperId);
