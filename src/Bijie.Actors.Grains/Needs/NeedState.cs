using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Needs;

/// <summary>The persisted state of a need.</summary>
[GenerateSerializer, Alias("Bijie.Actors.NeedState")]
public sealed class NeedState : Changes.IChangeVersioned
{
    [Id(0)] public NeedInfo? Info { get; set; }

    /// <summary>The locality whose quota counts this need while it is open (none when the office posted it).</summary>
    [Id(1)] public string? QuotaKey { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(2)] public int ChangeVersion { get; set; }
}
