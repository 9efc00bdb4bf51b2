using System.ComponentModel.DataAnnotations;

namespace Bijie.Actors.Ledger;

/// <summary>Options of the PostgreSQL ledger (configuration section <c>Bijie:Ledger</c>).</summary>
public sealed class LedgerOptions : IValidatableObject
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

    /// <summary>
    /// PostgreSQL ends a ledger session that waits this long inside a transaction for its host's next statement
    /// (<c>idle_in_transaction_session_timeout</c>, set on every connection by <see cref="LedgerDataSource"/>). A commit
    /// holds the ledger head's row lock from its first statement to COMMIT, and every host's commits queue on it: a host
    /// cut off or frozen mid-commit would otherwise hold them all until the server noticed the lost connection, which
    /// takes TCP hours. Its commit is then rolled back, and its callers were answered 503. Keep it below
    /// <see cref="CommitTimeout"/>, so that the other hosts' commits finish in theirs.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each silo looks whether yesterday's digest is written (the first to look writes it).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IdleInTransactionTimeout >= CommitTimeout)
        {
            // Every host's commits wait on a silent one for this long: at CommitTimeout or more, they are all answered 503.
            yield return new ValidationResult(
                $"IdleInTransactionTimeout ({IdleInTransactionTimeout}) must be shorter than CommitTimeout ({CommitTimeout}).",
                [nameof(IdleInTransactionTimeout), nameof(CommitTimeout)]);
        }
    }
}
