using System.Threading.Channels;

namespace Bijie.Actors.Ledger;

/// <summary>One silo's view of an <see cref="InMemoryLedgerStore"/>: its own appends feed its own dispatcher.</summary>
public sealed class InMemoryLedger(InMemoryLedgerStore store) : ILedger
{
    private readonly Channel<CommittedBatch> committed = Channel.CreateUnbounded<CommittedBatch>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<CommittedBatch> Committed => committed.Reader;

    public async Task<AppendResult> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        if (store.BeforeCommit is { } hook)
        {
            await hook(entry);
        }

        var (result, batch) = store.Commit(entry);
        if (batch is not null)
        {
            committed.Writer.TryWrite(batch);
        }

        return result;
    }

    public Task<ScopeTotals> ReadScopeAsync(string scope, long afterPosition, IReadOnlyCollection<long> excludedBatches, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Read(scope, afterPosition, excludedBatches));

    /// <summary>In memory there are no kept snapshots: the lines through the position, summed.</summary>
    public Task<ScopeActivation> ReadScopeThroughAsync(string scope, long position, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ScopeActivation(null, store.Read(scope, 0, [], position)));

    public Task<long> PositionAtAsync(DateTimeOffset at, CancellationToken cancellationToken = default) => Task.FromResult(store.PositionAt(at));

    public Task<long> DeliveredWatermarkAsync(CancellationToken cancellationToken = default) => Task.FromResult(store.Watermark());

    public Task<long> HeadAsync(CancellationToken cancellationToken = default) => Task.FromResult(store.Head);

    public Task MarkDeliveredAsync(IReadOnlyCollection<long> batchIds, CancellationToken cancellationToken = default)
    {
        store.MarkDelivered(batchIds);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CommittedBatch>> ReadUndeliveredAsync(TimeSpan olderThan, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Undelivered(olderThan, max));

    public Task<SubjectHead?> ReadSubjectAsync(string subjectId, CancellationToken cancellationToken = default) => Task.FromResult(store.Subject(subjectId));

    public Task<IReadOnlyList<StoredEntry>> ReadSubjectChangesAsync(string subjectId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEntry>>(store.Entries().Where(e => e.Entry.SubjectId == subjectId && e.Entry.Kind == EntryKind.SubjectChange).ToArray());

    public Task<IReadOnlyList<StoredEntry>> ReadSubjectEntriesAsync(string subjectId, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEntry>>(store.Entries().Where(e => e.Entry.SubjectId == subjectId).TakeLast(max).ToArray());

    public Task<StandingReportsPage> ReadStandingReportsAsync(StandingReportsQuery query, CancellationToken cancellationToken = default)
    {
        var entries = store.Entries();
        var reversed = entries.Where(e => e.Entry.Reverses is not null).Select(e => e.Entry.Reverses!.Value).ToHashSet();
        var standing = entries
            .Where(e => e.Entry.Kind == EntryKind.Report && !reversed.Contains(e.Entry.EntryId)
                && (query.IdempotencyScope is null || e.Entry.IdempotencyScope == query.IdempotencyScope)
                && (query.Approved is null || query.Approved == entries.Any(v => v.Entry is { Kind: EntryKind.Review, IdempotencyScope: "review" } && v.Entry.IdempotencyKey == e.Entry.EntryId.ToString("N")))
                && (query.OnBehalf is null || e.Entry.OnBehalf == query.OnBehalf)
                && (query.ThroughPosition is null || e.Position <= query.ThroughPosition)
                && (query.Flagged is null || e.Entry.IsFlagged == query.Flagged)
                && e.Entry.Lines.Any(l => l.Member is null && l.Year == query.Year && query.Scopes.All(l.Scopes.Contains)
                    && (query.Indicator is null || l.Indicator == query.Indicator)))
            .ToArray();
        var ordered = query.NewestFirst ? standing.Reverse() : standing;
        return Task.FromResult(new StandingReportsPage(
            ordered.Skip(query.Offset).Take(query.Limit).ToArray(), query.CountTotal ? standing.Length : null));
    }

    public Task<StoredEntry?> FindAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Entries().Where(e => e.Entry.EntryId == entryId).SingleOrDefault());

    public Task<StoredEntry?> FindByKeyAsync(string idempotencyScope, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Entries().SingleOrDefault(e => e.Entry.IdempotencyScope == idempotencyScope && e.Entry.IdempotencyKey == idempotencyKey));

    public Task<bool> IsReversedAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Entries().Any(e => e.Entry.Reverses == entryId));

    public Task SaveSnapshotAsync(string scope, long head, IReadOnlyCollection<long> applied, byte[] state, CancellationToken cancellationToken = default)
    {
        var saved = (head, applied.ToArray(), state);
        store.Snapshots.AddOrUpdate(scope, saved, (_, old) => old.Head <= head ? saved : old);
        return Task.CompletedTask;
    }

    public Task<ScopeActivation> ActivateScopeAsync(string scope, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Snapshots.TryGetValue(scope, out var snapshot)
            ? new ScopeActivation(snapshot.State, store.Read(scope, snapshot.Head, snapshot.Applied))
            : new ScopeActivation(null, store.Read(scope, 0, [])));

    public Task<IReadOnlyDictionary<string, DateOnly>> LatestReportDatesAsync(DateOnly? through = null, CancellationToken cancellationToken = default)
    {
        var entries = store.Entries();
        var reversed = entries.Where(e => e.Entry.Reverses is not null).Select(e => e.Entry.Reverses!.Value).ToHashSet();
        return Task.FromResult<IReadOnlyDictionary<string, DateOnly>>(entries
            .Where(e => e.Entry.Kind == EntryKind.Report && !reversed.Contains(e.Entry.EntryId) && (through is null || e.Entry.OccurredOn <= through))
            .GroupBy(e => e.Entry.SubjectId)
            .ToDictionary(g => g.Key, g => g.Max(e => e.Entry.OccurredOn)));
    }

    /// <summary>A ledger in memory keeps no hash chain: nothing outlives the process to be tampered with.</summary>
    public Task<IReadOnlyList<Verification.LedgerDigest>> ReadDigestsAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Verification.LedgerDigest>>([]);

    public Task<IReadOnlyDictionary<string, decimal>> SumBatchAsync(string scope, DateOnly first, DateOnly last, bool ownOnly, long through, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, decimal>>(store.Entries()
            .Where(e => e.Position <= through)
            .SelectMany(e => e.Entry.Lines)
            .Where(l => l.IsValue && l.Month is { } m && l.Scopes.Contains(scope)
                && (l.Year * 12) + m >= (first.Year * 12) + first.Month && (l.Year * 12) + m <= (last.Year * 12) + last.Month
                && (!ownOnly || !l.Scopes.Any(s => s.StartsWith("L:", StringComparison.Ordinal) && s.Length > scope.Length)))
            .GroupBy(l => l.Indicator).ToDictionary(g => g.Key, g => g.Sum(l => l.Value)));

    public Task RecordChangeAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        store.Changes[(change.Resource, change.ResourceId, change.Version)] = change;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string resource, string resourceId, int throughVersion, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChangeRecord>>(store.Changes.Values
            .Where(c => c.Resource == resource && c.ResourceId == resourceId && c.Version <= throughVersion).OrderBy(c => c.Version).ToArray());

    public Task<IReadOnlyDictionary<string, decimal>> SubjectTotalsAsync(string scope, string indicator, short year, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, decimal>>(store.Entries()
            .SelectMany(e => e.Entry.Lines.Where(l => l.Member is null && l.Indicator == indicator && l.Year == year && l.Scopes.Contains(scope))
                .Select(l => (e.Entry.SubjectId, l.Value)))
            .GroupBy(x => x.SubjectId).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)));

    public Task<IReadOnlyDictionary<(string Scope, string Indicator, short Year), decimal>> SumAllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<(string, string, short), decimal>>(store.Entries()
            .SelectMany(e => e.Entry.Lines).Where(l => l.Member is null)
            .SelectMany(l => l.Scopes.Select(s => (s, l.Indicator, l.Year, l.Value)))
            .GroupBy(x => (x.s, x.Indicator, x.Year)).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)));
}
