using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Organizations;

[GenerateSerializer, Alias("Bijie.Actors.HelperState")]
public sealed class HelperState
{
    [Id(0)] public HelperProfile? Profile { get; set; }
    [Id(1)] public string? RegisteredBy { get; set; }
}
