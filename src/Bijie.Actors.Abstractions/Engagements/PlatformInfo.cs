namespace Bijie.Actors.Abstractions;

/// <summary>A platform as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PlatformInfo")]
public sealed record PlatformInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] RegisterPlatform Platform,
    [property: Id(2)] int Version,
    [property: Id(3)] DateTimeOffset UpdatedAt);
