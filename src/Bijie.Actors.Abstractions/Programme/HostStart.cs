namespace Bijie.Actors.Abstractions;

/// <summary>A host's start, as it reports it.</summary>
/// <param name="HostName">The host's silo name.</param>
/// <param name="At">When it started.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.HostStart")]
public sealed record HostStart(
    [property: Id(0)] string HostName,
    [property: Id(1)] DateTimeOffset At);
