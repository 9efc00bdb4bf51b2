using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Organizations;

[GenerateSerializer, Alias("Bijie.Actors.EnterpriseState")]
public sealed class EnterpriseState : Changes.IChangeVersioned
{
    [Id(0)] public EnterpriseProfile? Profile { get; set; }
    [Id(1)] public string? RegisteredBy { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(2)] public int ChangeVersion { get; set; }
}
