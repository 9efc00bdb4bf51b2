namespace Bijie.Actors.Abstractions;

/// <summary>A reporting period as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PeriodInfo")]
public sealed record PeriodInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly First,
    [property: Id(2)] DateOnly Last,
    [property: Id(3)] DateOnly Deadline,
    [property: Id(4)] bool DeadlineSetByOffice,
    [property: Id(5)] bool Closed,
    [property: Id(6)] IReadOnlyList<PeriodException> Exceptions);
