using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains;

/// <summary>Persisted state of <see cref="ProgrammeGrain"/>: bounded, a few fields.</summary>
[GenerateSerializer, Alias("Bijie.Actors.ProgrammeState")]
public sealed class ProgrammeState
{
    [Id(0)] public DateTimeOffset? FirstStartedAt { get; set; }
    [Id(1)] public DateTimeOffset? LastStartedAt { get; set; }
    [Id(2)] public string? LastStartedBy { get; set; }
    [Id(3)] public long HostStarts { get; set; }
    [Id(4)] public DemoStatus Demo { get; set; }
}
