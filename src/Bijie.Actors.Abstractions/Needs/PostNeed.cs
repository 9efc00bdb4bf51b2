namespace Bijie.Actors.Abstractions;

/// <summary>A need Bijie posts (毕节所需): domain, place, what, budget, urgency, deadline.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PostNeed")]
public sealed record PostNeed(
    [property: Id(0)] Track Domain,
    [property: Id(1)] string LocalityCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] decimal BudgetYuan,
    [property: Id(5)] NeedUrgency Urgency,
    [property: Id(6)] DateOnly Deadline);
