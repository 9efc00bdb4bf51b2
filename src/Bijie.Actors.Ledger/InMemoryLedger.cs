using System.Threading.Channels;

namespace Bijie.Actors.Ledger;

/// <summary>
/// The ledger's rules in memory: for unit tests (one store shared by every silo of a test cluster, one
/// <see cref="InMemoryLedger"/> per silo) and for the benchmark's ceiling. Nothing survives the process.
/// </summary>
public sealed class InMemoryLedgerStore
{
    /// <summary>The roll-ups' snapshots, by scope.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (long Head, long[] Applied, byte[] State)> Snapshots { get; } = new();

    private readonly object gate = new();
    private readonly List<StoredEntry> entries = [];
    private readonly Dictionary<(string, string), StoredEntry> byKey = [];
    private readonly Dictionary<long, (long Last, DateTimeOffset At, bool Delivered)> batches = [];
    private readonly Dictionary<string, SubjectHead> subjects = [];
    private long head;

    public long Head
    {
        get
        {
            lock (gate)
            {
                return head;
            }
        }
    }

    /// <summary>Called before an entry is committed, outside the store's lock: tests hold an append here.</summary>
    public Func<LedgerEntry, Task>? BeforeCommit { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    internal (AppendResult Result, CommittedBatch? Batch) Commit(LedgerEntry entry)
    {
        lock (gate)
        {
            if (byKey.TryGetValue((entry.IdempotencyScope, entry.IdempotencyKey), out var earlier))
            {
                var outcome = earlier.Entry.RequestHash.AsSpan().SequenceEqual(entry.RequestHash) ? AppendOutcome.Duplicate : AppendOutcome.KeyReused;
                return (new AppendResult(outcome, earlier.Entry.EntryId, earlier.Position), null);
            }

            var position = ++head;
            var stored = new StoredEntry(position, entry);
            entries.Add(stored);
            byKey[(entry.IdempotencyScope, entry.IdempotencyKey)] = stored;
            batches[position] = (position, Time.GetUtcNow(), false);
            if (entry is { Kind: EntryKind.SubjectChange, SubjectVersion: { } version, Body: { } body }
                && (!subjects.TryGetValue(entry.SubjectId, out var current) || current.Version < version))
            {
                subjects[entry.SubjectId] = new SubjectHead(entry.SubjectId, version, position, body);
            }

            return (new AppendResult(AppendOutcome.Committed, entry.EntryId, position), new CommittedBatch(position, position, [new CommittedEntry(position, entry)]));
        }
    }

    internal ScopeTotals Read(string scope, long after, IReadOnlyCollection<long> excluded)
    {
        lock (gate)
        {
            var lines = entries.Where(e => e.Position > after && !excluded.Contains(e.Position))
                .SelectMany(e => e.Entry.Lines).Where(l => l.Scopes.Contains(scope)).ToList();
            var sums = lines.Where(l => l.Member is null).GroupBy(l => (l.Indicator, l.Year, l.Month))
                .Select(g => new ScopeSum(g.Key.Indicator, g.Key.Year, g.Key.Month, g.Sum(l => l.Value))).ToArray();
            var members = lines.Where(l => l.Member is not null).GroupBy(l => (l.Indicator, l.Member, l.Year, l.YearTo))
                .Select(g => new ScopeMember(g.Key.Indicator, g.Key.Member!, g.Key.Year, g.Key.YearTo, (int)g.Sum(l => l.Value)))
                .Where(m => m.Count != 0).ToArray();
            return new ScopeTotals(head, sums, members, lines.Count);
        }
    }

    internal long Watermark()
    {
        lock (gate)
        {
            var undelivered = batches.Where(b => !b.Value.Delivered).Select(b => b.Key).DefaultIfEmpty(long.MaxValue).Min();
            return Math.Min(undelivered == long.MaxValue ? long.MaxValue : undelivered - 1, head);
        }
    }

    internal void MarkDelivered(IEnumerable<long> ids)
    {
        lock (gate)
        {
            foreach (var id in ids)
            {
                if (batches.TryGetValue(id, out var b))
                {
                    batches[id] = b with { Delivered = true };
                }
            }
        }
    }

    internal IReadOnlyList<CommittedBatch> Undelivered(TimeSpan olderThan, int max)
    {
        lock (gate)
        {
            var cutoff = Time.GetUtcNow() - olderThan;
            return batches.Where(b => !b.Value.Delivered && b.Value.At < cutoff).OrderBy(b => b.Key).Take(max)
                .Select(b => new CommittedBatch(b.Key, b.Value.Last, entries.Where(e => e.Position >= b.Key && e.Position <= b.Value.Last)
                    .Select(e => new CommittedEntry(e.Position, e.Entry)).ToArray()))
                .ToArray();
        }
    }

    internal SubjectHead? Subject(string id)
    {
        lock (gate)
        {
            return subjects.GetValueOrDefault(id);
        }
    }

    /// <summary>Every committed entry, in commit order (a copy).</summary>
    public IReadOnlyList<StoredEntry> Entries()
    {
        lock (gate)
        {
            return entries.ToArray();
        }
    }
}

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

    public Task<IReadOnlyDictionary<(string Scope, string Indicator, short Year), decimal>> SumAllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<(string, string, short), decimal>>(store.Entries()
            .SelectMany(e => e.Entry.Lines).Where(l => l.Member is null)
            .SelectMany(l => l.Scopes.Select(s => (s, l.Indicator, l.Year, l.Value)))
            .GroupBy(x => (x.s, x.Indicator, x.Year)).ToDictionary(g => g.Key, g => g.Sum(x => x.Value)));
}
