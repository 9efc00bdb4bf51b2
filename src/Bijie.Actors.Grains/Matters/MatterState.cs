using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Matters;

/// <summary>The persisted state of a support matter.</summary>
[GenerateSerializer, Alias("Bijie.Actors.MatterState")]
public sealed class MatterState
{
    [Id(0)] public MatterInfo? Info { get; set; }
}
