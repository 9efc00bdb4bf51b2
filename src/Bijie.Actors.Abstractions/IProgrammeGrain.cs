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

/// <summary>Whether the demo programme was loaded into this store.</summary>
public enum DemoStatus
{
    /// <summary>Never loaded (a production store, or not yet).</summary>
    None = 0,

    /// <summary>Loading began; a restart resumes it (every step is idempotent).</summary>
    Loading = 1,

    /// <summary>Loaded.</summary>
    Loaded = 2,

    /// <summary>The store held data of its own when the host first started: no demo is loaded into it.</summary>
    Skipped = 3,
}

/// <summary>Well-known keys of the programme grain.</summary>
public static class ProgrammeKeys
{
    /// <summary>The Bijie pairing-assistance programme.</summary>
    public const string Bijie = "bijie";
}

/// <summary>A host's start, as it reports it.</summary>
/// <param name="HostName">The host's silo name.</param>
/// <param name="At">When it started.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.HostStart")]
public sealed record HostStart(
    [property: Id(0)] string HostName,
    [property: Id(1)] DateTimeOffset At);

/// <summary>The programme's record of its hosts.</summary>
/// <param name="Key">The programme's key.</param>
/// <param name="FirstStartedAt">When a host first started against this store; null before any did.</param>
/// <param name="LastStartedAt">When a host last started.</param>
/// <param name="LastStartedBy">The silo name of the host that last started.</param>
/// <param name="HostStarts">How many host starts this store has seen.</param>
/// <param name="ServedBy">The silo that holds this grain's activation.</param>
/// <param name="Demo">Whether the demo programme was loaded.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProgrammeInfo")]
public sealed record ProgrammeInfo(
    [property: Id(0)] string Key,
    [property: Id(1)] DateTimeOffset? FirstStartedAt,
    [property: Id(2)] DateTimeOffset? LastStartedAt,
    [property: Id(3)] string? LastStartedBy,
    [property: Id(4)] long HostStarts,
    [property: Id(5)] string ServedBy,
    [property: Id(6)] DemoStatus Demo = DemoStatus.None);
