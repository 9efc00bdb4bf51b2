namespace Bijie.Actors.Abstractions;

/// <summary>An expert team as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ExpertTeamInfo")]
public sealed record ExpertTeamInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameZh,
    [property: Id(2)] ExpertTeamKind Kind,
    [property: Id(3)] Track Track,
    [property: Id(4)] IReadOnlyList<string> HelperIds,
    [property: Id(5)] IReadOnlyList<Expert> Experts,
    [property: Id(6)] int Version);
