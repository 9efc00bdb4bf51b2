using System.Diagnostics;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Rollups;

/// <summary>
/// Each silo's pre-aggregator. It takes the batches its own ledger writer committed, folds each batch's lines into
/// one delta per scope, and sends each scope's grain one call carrying all of that scope's waiting batches. So the
/// city's roll-up receives one call per flush per silo however many reports arrive: no grain carries every write.
/// Two lanes: scopes delivered lately (the city, its counties, a busy enterprise: their grains are active, a call
/// is a few microseconds) go every flush interval; the others go oldest first, a chunk at a time, beside them,
/// because each may activate a grain that reads the ledger. At national scale a burst of reports touches hundreds
/// of thousands of scopes nobody touched before; with one lane the city's board waited for all of them.
/// A batch is marked delivered once every scope took it; batches a dead silo committed but never delivered are
/// found in the ledger by the <see cref="Commits.CommitFeed"/> and delivered by any other silo (the grains ignore repeats).
/// </summary>
public sealed class RollupDispatcher(ILedger ledger, IGrainFactory grains, IOptions<RollupOptions> options, ILogger<RollupDispatcher> logger)
    : BackgroundService, Commits.ICommitSubscriber
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<BatchDelta>> warm = [];
    private readonly Dictionary<string, List<BatchDelta>> cold = [];
    private readonly Queue<string> coldOrder = new();
    private readonly Dictionary<string, long> deliveredAt = [];
    private readonly Dictionary<long, int> outstanding = [];
    private long flushes;
    private long lastPruned = Stopwatch.GetTimestamp();

    /// <summary>Flushes of the warm lane done; tests and benchmarks read it.</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WarmLoopAsync(stoppingToken), ColdLoopAsync(stoppingToken));

    public void Committed(CommittedBatch batch) => Enqueue(batch);

    public void Recovered(CommittedBatch batch) => Enqueue(batch);

    /// <summary>Whether a batch waits here to be delivered (this silo committed or recovered it, and not every scope took it yet).</summary>
    public bool Holds(long batchId)
    {
        lock (gate)
        {
            return outstanding.ContainsKey(batchId);
        }
    }

    /// <summary>Folds a committed batch into per-scope deltas waiting in their lanes.</summary>
    public void Enqueue(CommittedBatch batch)
    {
        var byScope = Fold(batch);
        lock (gate)
        {
            if (outstanding.ContainsKey(batch.BatchId))
            {
                return; // already waiting here (recovered while still pending)
            }

            outstanding[batch.BatchId] = byScope.Count;
            var now = Stopwatch.GetTimestamp();
            foreach (var (scope, delta) in byScope)
            {
                LaneOf(scope, now).Add(delta);
            }
        }

        if (byScope.Count == 0)
        {
            _ = ledger.MarkDeliveredAsync([batch.BatchId]);
            lock (gate)
            {
                outstanding.Remove(batch.BatchId);
            }
        }
    }

    /// <summary>The list a scope's batches wait in: where they already wait, else by whether it was delivered lately. Under the gate.</summary>
    private List<BatchDelta> LaneOf(string scope, long now)
    {
        if (warm.TryGetValue(scope, out var list) || cold.TryGetValue(scope, out list))
        {
            return list;
        }

        if (deliveredAt.TryGetValue(scope, out var at) && Stopwatch.GetElapsedTime(at, now) < options.Value.WarmFor)
        {
            warm[scope] = list = [];
        }
        else
        {
            cold[scope] = list = [];
            coldOrder.Enqueue(scope);
        }

        return list;
    }

    /// <summary>
    /// What a committed batch adds to each scope its lines name: value lines summed per indicator, year and month,
    /// member lines netted per indicator, member and years. Pure: the same batch always folds to the same deltas.
    /// </summary>
    public static IReadOnlyList<(string Scope, BatchDelta Delta)> Fold(CommittedBatch batch)
    {
        var byScope = new Dictionary<string, ScopeFold>();
        foreach (var line in batch.Entries.SelectMany(e => e.Entry.Lines))
        {
            foreach (var scope in line.Scopes)
            {
                if (!byScope.TryGetValue(scope, out var delta))
                {
                    byScope[scope] = delta = new ScopeFold();
                }

                delta.Lines++;

                if (line.Member is null)
                {
                    var key = (line.Indicator, line.Year, line.Month);
                    delta.Sums[key] = delta.Sums.GetValueOrDefault(key) + line.Value;
                }
                else
                {
                    var key = (line.Indicator, line.Member, line.Year, line.YearTo);
                    delta.Members[key] = delta.Members.GetValueOrDefault(key) + (int)line.Value;
                }
            }
        }

        return byScope.Select(s => (s.Key, new BatchDelta(
                batch.BatchId,
                s.Value.Sums.Select(v => new SumDelta(v.Key.Item1, v.Key.Item2, v.Key.Item3, v.Value)).ToArray(),
                s.Value.Members.Select(m => new MemberDelta(m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Key.Item4, m.Value)).ToArray(),
                s.Value.Lines)))
            .ToArray();
    }

    /// <summary>One scope's share of a batch while it is folded.</summary>
    private sealed class ScopeFold
    {
        public Dictionary<(string, short, short?), decimal> Sums { get; } = [];

        public Dictionary<(string, string, short, short?), int> Members { get; } = [];

        public int Lines { get; set; }
    }

    private async Task WarmLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await DeliverAsync(TakeWarm(), stoppingToken);
                Interlocked.Increment(ref flushes);
                PruneDeliveredAt();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Deliver what is left before the silo goes; what cannot be delivered is recovered by another silo.
        try
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await FlushAsync(last.Token);
        }
        catch (Exception e)
        {
            logger.LogInformation("Final roll-up flush incomplete ({Message}); another silo will deliver the rest", e.Message);
        }
    }

    private async Task ColdLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Chunk after chunk while any wait, so the warm lane's flushes go on between them.
                while (TakeCold(options.Value.ColdChunk) is { Count: > 0 } chunk)
                {
                    await DeliverAsync(chunk, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends every waiting scope, in both lanes, its batches now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var work = TakeWarm();
        work.AddRange(TakeCold(int.MaxValue));
        await DeliverAsync(work, cancellationToken);
    }

    private List<KeyValuePair<string, List<BatchDelta>>> TakeWarm()
    {
        lock (gate)
        {
            var work = warm.ToList();
            warm.Clear();
            return work;
        }
    }

    private List<KeyValuePair<string, List<BatchDelta>>> TakeCold(int max)
    {
        lock (gate)
        {
            var work = new List<KeyValuePair<string, List<BatchDelta>>>(Math.Min(max, cold.Count));
            while (work.Count < max && coldOrder.TryDequeue(out var scope))
            {
                if (cold.Remove(scope, out var batches))
                {
                    work.Add(new(scope, batches));
                }
            }

            return work;
        }
    }

    /// <summary>Sends each scope its batches; marks the batches every scope took as delivered; puts back what failed.</summary>
    private async Task DeliverAsync(List<KeyValuePair<string, List<BatchDelta>>> work, CancellationToken cancellationToken)
    {
        if (work.Count == 0)
        {
            return;
        }

        var done = new List<long>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Value.DeliveryParallelism, CancellationToken = cancellationToken }, async (item, _) =>
        {
            var (scope, batches) = item;
            try
            {
                await grains.GetGrain<IScopeGrain>(scope).ApplyAsync(batches);
                lock (gate)
                {
                    deliveredAt[scope] = Stopwatch.GetTimestamp();
                    foreach (var b in batches)
                    {
                        if (outstanding.TryGetValue(b.BatchId, out var left) && left <= 1)
                        {
                            outstanding.Remove(b.BatchId);
                            done.Add(b.BatchId);
                        }
                        else if (outstanding.ContainsKey(b.BatchId))
                        {
                            outstanding[b.BatchId] = left - 1;
                        }
                    }
                }
            }
            catch (Exception e)
            {
                logger.LogWarning("Roll-up {Scope} did not take {Count} batches ({Message}); retrying", scope, batches.Count, e.Message);
                lock (gate)
                {
                    LaneOf(scope, Stopwatch.GetTimestamp()).InsertRange(0, batches);
                }
            }
        });

        if (done.Count > 0)
        {
            try
            {
                await ledger.MarkDeliveredAsync(done, cancellationToken);
            }
            catch (Exception e)
            {
                // Not fatal: the batches stay "undelivered" and are delivered again (and ignored) later.
                logger.LogWarning("Marking {Count} batches delivered failed: {Message}", done.Count, e.Message);
            }
        }
    }

    /// <summary>Forgets deliveries older than the warm time, now and then, so the record stays as small as the live set.</summary>
    private void PruneDeliveredAt()
    {
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(lastPruned, now) < options.Value.WarmFor)
        {
            return;
        }

        lastPruned = now;
        lock (gate)
        {
            foreach (var (scope, at) in deliveredAt)
            {
                if (Stopwatch.GetElapsedTime(at, now) >= options.Value.WarmFor)
                {
                    deliveredAt.Remove(scope);
                }
            }
        }
    }
}
