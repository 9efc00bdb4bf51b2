namespace Bijie.Actors.Abstractions;

/// <summary>The sums one committed batch adds to one scope.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.SumDelta")]
public sealed record SumDelta(
    [property: Id(0)] string Indicator,
    [property: Id(1)] short Year,
    [property: Id(2)] short? Month,
    [property: Id(3)] decimal Value);
