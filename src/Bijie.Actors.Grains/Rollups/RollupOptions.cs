namespace Bijie.Actors.Grains.Rollups;

/// <summary>Options of the roll-ups (configuration section <c>Bijie:Rollups</c>).</summary>
public sealed class RollupOptions
{
    public const string Section = "Bijie:Rollups";

    /// <summary>How often each silo's dispatcher sends what its commits added to the warm roll-up grains (and looks for cold ones).</summary>
    [Abstractions.Configuration.Positive] public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a scope counts as warm after a delivery: its next batches go in the warm lane, every flush.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan WarmFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many cold scopes go in one chunk of the cold lane.</summary>
    [Abstractions.Configuration.Positive] public int ColdChunk { get; set; } = 512;

    /// <summary>How many roll-up calls each lane has in flight at once.</summary>
    [Abstractions.Configuration.Positive] public int DeliveryParallelism { get; set; } = 64;

    /// <summary>How often a silo looks for committed batches nobody delivered (their silo died).</summary>
    [Abstractions.Configuration.Positive] public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old an undelivered batch must be before another silo delivers it.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan RecoveryAge { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a roll-up grain snapshots its totals (if they changed enough, see <see cref="SnapshotMinLines"/>).</summary>
    [Abstractions.Configuration.Positive] public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many ledger lines a roll-up must have counted since its last snapshot before it writes another (on its
    /// timer or when it deactivates). Below that, activating from the ledger alone is one indexed read of a few
    /// lines, cheaper than the snapshot's write: at national scale most scopes (a village, an enterprise, a
    /// pairing) hold a handful of lines, and a snapshot each made hundreds of thousands of writes for nothing.
    /// </summary>
    [Abstractions.Configuration.Positive] public int SnapshotMinLines { get; set; } = 1_000;
}
