namespace Bijie.Actors.Ledger;

/// <summary>Options of the PostgreSQL ledger (configuration section <c>Bijie:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "Bijie:Ledger";

    /// <summary>At most this many entries share one commit.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)] public int MaxBatch { get; set; } = 1000;

    /// <summary>
    /// A commit that has not finished in this time has its callers answered "unavailable" (503), and every append is
    /// refused at once until it ends: a host cut off from PostgreSQL answers within it instead of holding its callers
    /// for the driver's own timeouts (15 s to connect, 30 s a command). The commit itself runs on; if it lands after
    /// all, it is fed to the boards, and a retry under the same idempotency key finds it.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo looks whether yesterday's digest is written (the first to look writes it).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}
