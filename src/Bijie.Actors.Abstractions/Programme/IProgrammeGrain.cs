namespace Bijie.Actors.Abstractions;

/// <summary>
/// The programme as a whole: one grain per programme (key <see cref="ProgrammeKeys.Bijie"/>).
/// It records the hosts that start against the programme's store, so that first-start work
/// is done once and every host can tell whether the store it sees has been set up.
/// </summary>
[Alias("Bijie.Actors.IProgrammeGrain")]
public interface IProgrammeGrain : IGrainWithStringKey
{
    /// <summary>Records that a host has started and finished its start-up work against this programme.</summary>
    [Alias("RecordHostStart")]
    Task<ProgrammeInfo> RecordHostStartAsync(HostStart start);

    /// <summary>What the programme's store knows about its hosts, and which silo serves this grain.</summary>
    [Alias("GetInfo")]
    Task<ProgrammeInfo> GetInfoAsync();

    /// <summary>Records how far loading the demo programme has come.</summary>
    [Alias("SetDemoStatus")]
    Task SetDemoStatusAsync(DemoStatus status);
}
