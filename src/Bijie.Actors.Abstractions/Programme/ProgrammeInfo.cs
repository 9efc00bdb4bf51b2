namespace Bijie.Actors.Abstractions;

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
