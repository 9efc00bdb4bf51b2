namespace Bijie.Actors.Abstractions;

/// <summary>A locality: where it sits in the tree and what lies directly under it.</summary>
/// <param name="Code">Division code.</param>
/// <param name="Name">Short name (金山社区).</param>
/// <param name="OfficialName">Name as the division list has it (金山社区居民委员会).</param>
/// <param name="Level">Level.</param>
/// <param name="ParentCode">The parent's code; null for the city.</param>
/// <param name="Lineage">The ancestors, city first, the locality itself excluded.</param>
/// <param name="Children">The localities directly under it.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LocalityInfo")]
public sealed record LocalityInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string OfficialName,
    [property: Id(3)] LocalityLevel Level,
    [property: Id(4)] string? ParentCode,
    [property: Id(5)] IReadOnlyList<LocalityRef> Lineage,
    [property: Id(6)] IReadOnlyList<LocalityRef> Children);
