namespace Bijie.Actors.Abstractions;

/// <summary>The ids of a registry shard that match some tags, and those it holds no tags for.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RegistryMatches")]
public sealed record RegistryMatches([property: Id(0)] IReadOnlyList<string> Ids, [property: Id(1)] IReadOnlyList<string> Untagged);
