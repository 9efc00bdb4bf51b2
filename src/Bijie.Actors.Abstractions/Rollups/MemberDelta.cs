namespace Bijie.Actors.Abstractions;

/// <summary>A member one committed batch adds (+) or removes (−) in one scope, for the years Year..YearTo.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MemberDelta")]
public sealed record MemberDelta(
    [property: Id(0)] string Indicator,
    [property: Id(1)] string Member,
    [property: Id(2)] short Year,
    [property: Id(3)] short? YearTo,
    [property: Id(4)] int Count);
