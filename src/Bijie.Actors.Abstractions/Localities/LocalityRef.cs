namespace Bijie.Actors.Abstractions;

/// <summary>A locality named by code and name.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LocalityRef")]
public sealed record LocalityRef(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name);
