using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>The persisted state of a platform.</summary>
[GenerateSerializer, Alias("Bijie.Actors.PlatformState")]
public sealed class PlatformState : Changes.IChangeVersioned
{
    [Id(0)] public PlatformInfo? Info { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(1)] public int ChangeVersion { get; set; }
}
