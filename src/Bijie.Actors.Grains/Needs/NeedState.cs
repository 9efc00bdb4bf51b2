using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Needs;

/// <summary>The persisted state of a need.</summary>
[GenerateSerializer, Alias("Bijie.Actors.NeedState")]
public sealed class NeedState
{
    [Id(0)] public NeedInfo? Info { get; set; }

    /// <summary>The locality whose quota counts this need while it is open (none when the office posted it).</summary>
    [Id(1)] public string? QuotaKey { get; set; }
}
