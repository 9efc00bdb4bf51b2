namespace Bijie.Actors.Ledger;

/// <summary>Options of the PostgreSQL ledger (configuration section <c>Bijie:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "Bijie:Ledger";

    /// <summary>At most this many entries share one commit.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)] public int MaxBatch { get; set; } = 1000;

    /// <summary>How often each silo looks whether yesterday's digest is written (the first to look writes it).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}
