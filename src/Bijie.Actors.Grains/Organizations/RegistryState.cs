namespace Bijie.Actors.Grains.Organizations;

[GenerateSerializer, Alias("Bijie.Actors.RegistryState")]
public sealed class RegistryState
{
    [Id(0)] public HashSet<string> Ids { get; set; } = [];

    /// <summary>Each id's tags, sorted; ids registered before tags were kept have none here.</summary>
    [Id(1)] public Dictionary<string, string[]> Tags { get; set; } = [];
}
