using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>The persisted state of a platform.</summary>
[GenerateSerializer, Alias("Bijie.Actors.PlatformState")]
public sealed class PlatformState
{
    [Id(0)] public PlatformInfo? Info { get; set; }
}
