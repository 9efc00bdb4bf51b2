namespace Bijie.Actors.Abstractions;

/// <summary>An expert of a team.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Expert")]
public sealed record Expert(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Field,
    [property: Id(2)] string? Affiliation);
