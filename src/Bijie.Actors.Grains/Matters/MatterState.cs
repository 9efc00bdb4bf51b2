using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Matters;

/// <summary>The persisted state of a support matter.</summary>
[GenerateSerializer, Alias("Bijie.Actors.MatterState")]
public sealed class MatterState : Changes.IChangeVersioned
{
    [Id(0)] public MatterInfo? Info { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(1)] public int ChangeVersion { get; set; }
}
