using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Organizations;

[GenerateSerializer, Alias("Bijie.Actors.HelperState")]
public sealed class HelperState : Changes.IChangeVersioned
{
    [Id(0)] public HelperProfile? Profile { get; set; }
    [Id(1)] public string? RegisteredBy { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(2)] public int ChangeVersion { get; set; }
}
