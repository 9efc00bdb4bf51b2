using System.Threading.Channels;

namespace Bijie.Actors.Ledger;

/// <summary>What an entry records.</summary>
public enum EntryKind : short
{
    /// <summary>A progress report (进展填报): values for indicators.</summary>
    Report = 1,

    /// <summary>The reversal of an earlier report: its values negated. A correction is a reversal and a new report.</summary>
    Reversal = 2,

    /// <summary>A change of a pairing or project: its new snapshot and the memberships it adds or removes.</summary>
    SubjectChange = 3,

    /// <summary>The office's approval of a report (审核): its values again under reviewed:{indicator}, for the reviewed share.</summary>
    Review = 4,
}

/// <summary>
/// One line of an entry. A value line (<see cref="Member"/> null) adds <see cref="Value"/> to the indicator for
/// the year and month; a member line (+1 or -1) adds or removes a member of a counted indicator for the years
/// <see cref="Year"/>..<see cref="YearTo"/> (open when null). <see cref="Scopes"/> names every roll-up the line
/// counts in (L:5205, L:520527, T:health, H:helper, E:credit code, S:subject).
/// </summary>
public sealed record LedgerLine(
    string Indicator,
    short Year,
    short? Month,
    short? YearTo,
    string? Member,
    decimal Value,
    IReadOnlyList<string> Scopes);

/// <summary>An entry to append. The ledger never changes it once committed.</summary>
public sealed record LedgerEntry(
    Guid EntryId,
    EntryKind Kind,
    string IdempotencyScope,
    string IdempotencyKey,
    byte[] RequestHash,
    string SubjectId,
    int? SubjectVersion,
    DateOnly OccurredOn,
    DateTimeOffset RecordedAt,
    string Actor,
    bool OnBehalf,
    Guid? Reverses,
    string? Body,
    IReadOnlyList<LedgerLine> Lines)
{
    /// <summary>A report (or a figure counted like one: a visit, a service batch) under its caller's idempotency key.</summary>
    public static LedgerEntry Report(
        string idempotencyScope, string idempotencyKey, string subjectId, DateOnly occurredOn, DateTimeOffset recordedAt, string actor, bool onBehalf,
        string body, IReadOnlyList<LedgerLine> lines) =>
        new(Guid.NewGuid(), EntryKind.Report, idempotencyScope, idempotencyKey, HashOf(body), subjectId, null, occurredOn, recordedAt, actor, onBehalf,
            null, body, lines);

    /// <summary>The reversal of <paramref name="original"/>, keyed by its id so that an entry is reversed once; dated as the original.</summary>
    public static LedgerEntry ReversalOf(LedgerEntry original, DateTimeOffset recordedAt, string actor, bool onBehalf, string body, IReadOnlyList<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(original);
        return new(Guid.NewGuid(), EntryKind.Reversal, "reversal", original.EntryId.ToString("N"), HashOf(body), original.SubjectId, null,
            original.OccurredOn, recordedAt, actor, onBehalf, original.EntryId, body, lines);
    }

    /// <summary>The approval of <paramref name="original"/> under the id <paramref name="entryId"/>, keyed by the original's id: one per report.</summary>
    public static LedgerEntry ReviewOf(Guid entryId, LedgerEntry original, DateTimeOffset recordedAt, string actor, string body, IReadOnlyList<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(original);
        return new(entryId, EntryKind.Review, "review", original.EntryId.ToString("N"), HashOf(body), original.SubjectId, null,
            original.OccurredOn, recordedAt, actor, false, null, body, lines);
    }

    /// <summary>Version <paramref name="version"/> of a pairing or project, keyed by it: two changes from the same version cannot both commit.</summary>
    public static LedgerEntry SubjectChange(string subjectId, int version, DateOnly occurredOn, DateTimeOffset recordedAt, string actor, string body, IReadOnlyList<LedgerLine> lines) =>
        new(Guid.NewGuid(), EntryKind.SubjectChange, "subject", $"{subjectId}:v{version}", HashOf(body), subjectId, version, occurredOn, recordedAt, actor,
            false, null, body, lines);

    /// <summary>The request hash of a body: what tells a retry (same body) from another request under the same key.</summary>
    public static byte[] HashOf(string body) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// A report's (or reversal's) values by indicator: its value lines summed. Lines of derived figures (named
    /// "kind:indicator", such as the reviewed part) are not values of the report.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Values() =>
        Lines.Where(l => l.Member is null && !l.Indicator.Contains(':')).GroupBy(l => l.Indicator).ToDictionary(g => g.Key, g => g.Sum(l => l.Value));
}

/// <summary>How an append ended.</summary>
public enum AppendOutcome
{
    /// <summary>Committed now.</summary>
    Committed = 0,

    /// <summary>The same idempotency key with the same request was committed before: that entry is the answer.</summary>
    Duplicate = 1,

    /// <summary>The idempotency key was used before for another request: nothing was committed.</summary>
    KeyReused = 2,
}

/// <summary>The answer to an append; returned only once the entry (or its earlier twin) is durable.</summary>
public sealed record AppendResult(AppendOutcome Outcome, Guid EntryId, long Position);

/// <summary>An entry as committed, with its position in commit order.</summary>
public sealed record CommittedEntry(long Position, LedgerEntry Entry);

/// <summary>
/// One commit of the group committer. Positions follow commit order across every writer: all of a batch's
/// positions are above those of every batch committed before it. <see cref="BatchId"/> is its first position.
/// </summary>
public sealed record CommittedBatch(long BatchId, long LastPosition, IReadOnlyList<CommittedEntry> Entries);

/// <summary>A sum of value lines in a scope.</summary>
public sealed record ScopeSum(string Indicator, short Year, short? Month, decimal Value);

/// <summary>A member's net count in a scope (the number of subjects contributing it).</summary>
public sealed record ScopeMember(string Indicator, string Member, short Year, short? YearTo, int Count);

/// <summary>A roll-up's snapshot as it stored it, and the lines after it (see <see cref="ILedger.ActivateScopeAsync"/>).</summary>
public sealed record ScopeActivation(byte[]? Snapshot, ScopeTotals? Unsaved);

/// <summary>A scope's totals through <see cref="Head"/>, batches excluded on request.</summary>
public sealed record ScopeTotals(long Head, IReadOnlyList<ScopeSum> Sums, IReadOnlyList<ScopeMember> Members, int Lines);

/// <summary>The latest change of a pairing or project as the ledger holds it.</summary>
public sealed record SubjectHead(string SubjectId, int Version, long Position, string Body);

/// <summary>An entry as stored, for history and reversal.</summary>
public sealed record StoredEntry(long Position, LedgerEntry Entry);

/// <summary>
/// One page of the reports that stand (no reversal took them back) in a year, with a line in every one of
/// <paramref name="Scopes"/> (an organisation's and a place's roll-up together: what the organisation reported there).
/// <paramref name="IdempotencyScope"/> narrows to one source (visits record under their own); <paramref name="CountTotal"/>
/// asks for the count of all of them as well; <paramref name="Approved"/> narrows to those the office approved (true) or not yet (false).
/// </summary>
public sealed record StandingReportsQuery(
    IReadOnlyList<string> Scopes, short Year, int Offset, int Limit, bool NewestFirst, string? IdempotencyScope = null, bool CountTotal = true,
    bool? Approved = null, string? Indicator = null, bool? OnBehalf = null, long? ThroughPosition = null);

/// <summary>A page of standing reports and, when asked for, how many there are in all.</summary>
public sealed record StandingReportsPage(IReadOnlyList<StoredEntry> Entries, int? Total);

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

    /// <summary>The sums of every value line by scope, indicator and year: the ledger's own truth, for checks.</summary>
    Task<IReadOnlyDictionary<(string Scope, string Indicator, short Year), decimal>> SumAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>Answers an append with a conflict or a store failure.</summary>
public sealed class LedgerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
