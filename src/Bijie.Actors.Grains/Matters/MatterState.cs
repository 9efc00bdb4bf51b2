using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Matters;

/// <summary>The persisted state of a support matter.</summary>
[GenerateSerializer, Alias("Bijie.Actors.MatterState")]
public sealed class MatterState
{
    [Id(0)] public MatterInfo? Info { get; set; }
}
