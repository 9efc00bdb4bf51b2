namespace Bijie.Actors.Abstractions;

/// <summary>An office-granted exception: a subject may report on a closed period until a day.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PeriodException")]
public sealed record PeriodException(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] DateOnly Until,
    [property: Id(2)] string Reason,
    [property: Id(3)] string GrantedBy,
    [property: Id(4)] DateTimeOffset GrantedAt);
