namespace Bijie.Actors.Abstractions;

/// <summary>A helper proposed for a need, with its rank and the reasons for it (统战所长).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatchCandidate")]
public sealed record MatchCandidate(
    [property: Id(0)] int Rank,
    [property: Id(1)] string HelperId,
    [property: Id(2)] string Name,
    [property: Id(3)] int Score,
    [property: Id(4)] bool DomainFit,
    [property: Id(5)] int PairingsNearby,
    [property: Id(6)] int Load,
    [property: Id(7)] IReadOnlyList<string> Reasons);
