namespace Bijie.Actors.Abstractions;

/// <summary>An expert service team or guidance group: who sends it, its domain, its experts.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RegisterExpertTeam")]
public sealed record RegisterExpertTeam(
    [property: Id(0)] string NameZh,
    [property: Id(1)] ExpertTeamKind Kind,
    [property: Id(2)] Track Track,
    [property: Id(3)] IReadOnlyList<string> HelperIds,
    [property: Id(4)] IReadOnlyList<Expert> Experts);
