namespace Bijie.Actors.Ledger;

/// <summary>
/// The ledger's rules in memory: for unit tests (one store shared by every silo of a test cluster, one
/// <see cref="InMemoryLedger"/> per silo) and for the benchmark's ceiling. Nothing survives the process.
/// </summary>
public sealed class InMemoryLedgerStore
{
    /// <summary>The roll-ups' snapshots, by scope.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (long Head, long[] Applied, byte[] State)> Snapshots { get; } = new();

    /// <summary>The change records of resources kept in grain state, by resource, id and version.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(string Resource, string Id, int Version), ChangeRecord> Changes { get; } = new();

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

    internal ScopeTotals Read(string scope, long after, IReadOnlyCollection<long> excluded, long? through = null)
    {
        lock (gate)
        {
            var lines = entries.Where(e => e.Position > after && e.Position <= (through ?? long.MaxValue) && !excluded.Contains(e.Position))
                .SelectMany(e => e.Entry.Lines).Where(l => l.Scopes.Contains(scope)).ToList();
            var sums = lines.Where(l => l.Member is null).GroupBy(l => (l.Indicator, l.Year, l.Month))
                .Select(g => new ScopeSum(g.Key.Indicator, g.Key.Year, g.Key.Month, g.Sum(l => l.Value))).ToArray();
            var members = lines.Where(l => l.Member is not null).GroupBy(l => (l.Indicator, l.Member, l.Year, l.YearTo))
                .Select(g => new ScopeMember(g.Key.Indicator, g.Key.Member!, g.Key.Year, g.Key.YearTo, (int)g.Sum(l => l.Value)))
                .Where(m => m.Count != 0).ToArray();
            return new ScopeTotals(through ?? head, sums, members, lines.Count);
        }
    }

    internal long PositionAt(DateTimeOffset at)
    {
        lock (gate)
        {
            return batches.Where(b => b.Value.At < at).Select(b => b.Value.Last).DefaultIfEmpty(0).Max();
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
