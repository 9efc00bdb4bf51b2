namespace Bijie.Actors.Abstractions;

/// <summary>A roll-up scope whose figures changed for the years <see cref="FromYear"/>..<see cref="ToYear"/> (null: every later year).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ScopeChange")]
public sealed record ScopeChange(
    [property: Id(0)] string Scope,
    [property: Id(1)] int FromYear,
    [property: Id(2)] int? ToYear);
