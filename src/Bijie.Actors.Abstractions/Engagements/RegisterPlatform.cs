namespace Bijie.Actors.Abstractions;

/// <summary>A standing platform: its place, the helpers behind it, since when.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RegisterPlatform")]
public sealed record RegisterPlatform(
    [property: Id(0)] string NameZh,
    [property: Id(1)] PlatformKind Kind,
    [property: Id(2)] Track Track,
    [property: Id(3)] string LocalityCode,
    [property: Id(4)] IReadOnlyList<string> HelperIds,
    [property: Id(5)] DateOnly EstablishedOn,
    [property: Id(6)] string? Description);
