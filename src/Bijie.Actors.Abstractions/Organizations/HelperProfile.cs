namespace Bijie.Actors.Abstractions;

/// <summary>A helper organisation or local institution.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.HelperProfile")]
public sealed record HelperProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string? NameEn,
    [property: Id(3)] HelperKind Kind,
    [property: Id(4)] string? LocalityCode,
    [property: Id(5)] IReadOnlyList<Track> Strengths);
