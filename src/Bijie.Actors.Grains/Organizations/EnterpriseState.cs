using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Organizations;

[GenerateSerializer, Alias("Bijie.Actors.EnterpriseState")]
public sealed class EnterpriseState
{
    [Id(0)] public EnterpriseProfile? Profile { get; set; }
    [Id(1)] public string? RegisteredBy { get; set; }
}
