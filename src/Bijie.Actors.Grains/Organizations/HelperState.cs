using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Localities;

namespace Bijie.Actors.Grains.Organizations;

[GenerateSerializer, Alias("Bijie.Actors.HelperState")]
public sealed class HelperState
{
    [Id(0)] public HelperProfile? Profile { get; set; }
    [Id(1)] public string? RegisteredBy { get; set; }
}
