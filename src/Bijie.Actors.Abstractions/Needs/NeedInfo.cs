namespace Bijie.Actors.Abstractions;

/// <summary>A need as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.NeedInfo")]
public sealed record NeedInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] Track Domain,
    [property: Id(2)] string LocalityCode,
    [property: Id(3)] string Title,
    [property: Id(4)] string? Description,
    [property: Id(5)] decimal BudgetYuan,
    [property: Id(6)] NeedUrgency Urgency,
    [property: Id(7)] DateOnly Deadline,
    [property: Id(8)] NeedStatus Status,
    [property: Id(9)] string PostedBy,
    [property: Id(10)] DateTimeOffset PostedAt,
    [property: Id(11)] string? MatchedHelperId,
    [property: Id(12)] DateTimeOffset? MatchedAt,
    [property: Id(13)] string? ProjectId,
    [property: Id(14)] DateTimeOffset? ClosedAt,
    [property: Id(15)] int Version);
