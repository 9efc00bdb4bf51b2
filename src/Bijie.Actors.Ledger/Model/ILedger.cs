using System.Threading.Channels;

namespace Bijie.Actors.Ledger;

/// <summary>The append-only ledger of reports and subject changes.</summary>
public interface ILedger
{
    /// <summary>Appends an entry; returns once it is committed, sharing the commit with concurrent appends.</summary>
    Task<AppendResult> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The batches this writer committed, in commit order, for the roll-up dispatcher.</summary>
    ChannelReader<CommittedBatch> Committed { get; }

    /// <summary>A scope's totals for positions in (afterPosition, head], leaving out the batches named.</summary>
    Task<ScopeTotals> ReadScopeAsync(string scope, long afterPosition, IReadOnlyCollection<long> excludedBatches, CancellationToken cancellationToken = default);

    /// <summary>The position of the last commit.</summary>
    Task<long> HeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The highest position such that every batch at or below it has been delivered to the roll-ups.</summary>
    Task<long> DeliveredWatermarkAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that these batches reached every roll-up they count in.</summary>
    Task MarkDeliveredAsync(IReadOnlyCollection<long> batchIds, CancellationToken cancellationToken = default);

    /// <summary>Batches committed longer ago than <paramref name="olderThan"/> and not yet delivered (their writer may have died).</summary>
    Task<IReadOnlyList<CommittedBatch>> ReadUndeliveredAsync(TimeSpan olderThan, int max, CancellationToken cancellationToken = default);

    /// <summary>The latest change of a subject, or null.</summary>
    Task<SubjectHead?> ReadSubjectAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>A subject's entries in commit order (reports, reversals, changes), newest last, at most <paramref name="max"/> of the newest.</summary>
    Task<IReadOnlyList<StoredEntry>> ReadSubjectEntriesAsync(string subjectId, int max, CancellationToken cancellationToken = default);

    /// <summary>Every change of a pairing or project (its subject-change entries, each a snapshot of a version), oldest first.</summary>
    Task<IReadOnlyList<StoredEntry>> ReadSubjectChangesAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>One page of standing reports, read as a page from the store (listings never read a whole year).</summary>
    Task<StandingReportsPage> ReadStandingReportsAsync(StandingReportsQuery query, CancellationToken cancellationToken = default);

    /// <summary>An entry by id, or null.</summary>
    Task<StoredEntry?> FindAsync(Guid entryId, CancellationToken cancellationToken = default);

    /// <summary>The entry recorded under an idempotency key in its scope (the caller's, "reversal", "review", …), or null.</summary>
    Task<StoredEntry?> FindByKeyAsync(string idempotencyScope, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Whether an entry reversing this one exists.</summary>
    Task<bool> IsReversedAsync(Guid entryId, CancellationToken cancellationToken = default);

    /// <summary>For each subject with standing reports, the date of its latest, up to a day when given (for supervision).</summary>
    Task<IReadOnlyDictionary<string, DateOnly>> LatestReportDatesAsync(DateOnly? through = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a roll-up's snapshot: its totals through <paramref name="head"/> plus the batches above it already
    /// counted (<paramref name="applied"/>), serialised by the roll-up.
    /// </summary>
    Task SaveSnapshotAsync(string scope, long head, IReadOnlyCollection<long> applied, byte[] state, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a roll-up activates with, in one read: its latest snapshot (or null) and the scope's lines after it
    /// that the snapshot does not count (null when the snapshot predates the record of its batches: read them
    /// with <see cref="ReadScopeAsync"/>).
    /// </summary>
    Task<ScopeActivation> ActivateScopeAsync(string scope, CancellationToken cancellationToken = default);

    /// <summary>The daily digests of the hash chain, newest first (none for a ledger kept in memory).</summary>
    Task<IReadOnlyList<Verification.LedgerDigest>> ReadDigestsAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// A scope as the ledger stood at <paramref name="position"/>: the kept snapshot nearest at or below it (or null)
    /// and the lines to add to it (Unsaved, whose Head is the position).
    /// </summary>
    Task<ScopeActivation> ReadScopeThroughAsync(string scope, long position, CancellationToken cancellationToken = default);

    /// <summary>The ledger's position at a time: the last position committed before it (0 before the first).</summary>
    Task<long> PositionAtAsync(DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Each subject's net total of <paramref name="indicator"/> in <paramref name="year"/> among the lines counted in
    /// <paramref name="scope"/> (a county's pairings and projects side by side): the peers an outlier is measured against.
    /// One aggregate over the scope's lines, so callers cache it; never asked per report.
    /// </summary>
    Task<IReadOnlyDictionary<string, decimal>> SubjectTotalsAsync(string scope, string indicator, short year, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a change of a resource kept in grain state, before the state is written (<see cref="ChangeRecord"/>); a record
    /// of the same version is replaced: its state was never stored.
    /// </summary>
    Task RecordChangeAsync(ChangeRecord change, CancellationToken cancellationToken = default);

    /// <summary>A resource's change records through <paramref name="throughVersion"/> (the version it holds), oldest first.</summary>
    Task<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string resource, string resourceId, int throughVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// A batch's figures through <paramref name="through"/>: the value lines (reports, visits, batches; no derived
    /// "kind:indicator" lines) in <paramref name="scope"/> dated from <paramref name="first"/> to <paramref name="last"/>, by
    /// indicator; with <paramref name="ownOnly"/>, only those of no locality deeper than the scope's (a county's own).
    /// </summary>
    Task<IReadOnlyDictionary<string, decimal>> SumBatchAsync(string scope, DateOnly first, DateOnly last, bool ownOnly, long through, CancellationToken cancellationToken = default);

    /// <summary>The sums of every value line by scope, indicator and year: the ledger's own truth, for checks.</summary>
    Task<IReadOnlyDictionary<(string Scope, string Indicator, short Year), decimal>> SumAllAsync(CancellationToken cancellationToken = default);
}
