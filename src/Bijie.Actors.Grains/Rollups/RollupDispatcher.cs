using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Rollups;

/// <summary>
/// Each silo's pre-aggregator. It takes the batches its own ledger writer committed, folds each batch's lines into
/// one delta per scope, and every flush interval sends each scope's grain one call carrying all of that scope's
/// batches. So the city's roll-up receives one call per flush per silo however many reports arrive: no grain
/// carries every write. A batch is marked delivered once every scope took it; batches a dead silo committed but
/// never delivered are found in the ledger and delivered by any other silo (the grains ignore repeats).
/// </summary>
public sealed class RollupDispatcher(
    ILedger ledger, IGrainFactory grains, Live.LiveFeed live, Webhooks.WebhookDispatcher webhooks, IOptions<RollupOptions> options, ILogger<RollupDispatcher> logger)
    : BackgroundService
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<BatchDelta>> pending = [];
    private readonly Dictionary<long, int> outstanding = [];
    private long flushes;

    /// <summary>Flushes done; tests and benchmarks read it.</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ReceiveAsync(stoppingToken), FlushLoopAsync(stoppingToken), RecoveryLoopAsync(stoppingToken));

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in ledger.Committed.ReadAllAsync(stoppingToken))
            {
                live.Committed(batch);
                webhooks.Committed(batch);
                Enqueue(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Folds a committed batch into per-scope deltas waiting for the next flush.</summary>
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
            foreach (var (scope, delta) in byScope)
            {
                if (!pending.TryGetValue(scope, out var list))
                {
                    pending[scope] = list = [];
                }

                list.Add(delta);
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

    /// <summary>
    /// What a committed batch adds to each scope its lines name: value lines summed per indicator, year and month,
    /// member lines netted per indicator, member and years. Pure: the same batch always folds to the same deltas.
    /// </summary>
    public static IReadOnlyList<(string Scope, BatchDelta Delta)> Fold(CommittedBatch batch)
    {
        var byScope = new Dictionary<string, (Dictionary<(string, short, short?), decimal> Sums, Dictionary<(string, string, short, short?), int> Members)>();
        foreach (var line in batch.Entries.SelectMany(e => e.Entry.Lines))
        {
            foreach (var scope in line.Scopes)
            {
                if (!byScope.TryGetValue(scope, out var delta))
                {
                    byScope[scope] = delta = ([], []);
                }

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
                s.Value.Members.Select(m => new MemberDelta(m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Key.Item4, m.Value)).ToArray())))
            .ToArray();
    }

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
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

    /// <summary>Sends each scope its waiting batches; marks the batches every scope took as delivered.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, List<BatchDelta>> work;
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return;
            }

            work = new Dictionary<string, List<BatchDelta>>(pending);
            pending.Clear();
        }

        var done = new List<long>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (item, _) =>
        {
            var (scope, batches) = item;
            try
            {
                await grains.GetGrain<IScopeGrain>(scope).ApplyAsync(batches);
                lock (gate)
                {
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
                    if (!pending.TryGetValue(scope, out var list))
                    {
                        pending[scope] = list = [];
                    }

                    list.InsertRange(0, batches);
                }
            }
        });

        Interlocked.Increment(ref flushes);
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

    private async Task RecoveryLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var batch in await ledger.ReadUndeliveredAsync(options.Value.RecoveryAge, 200, stoppingToken))
                    {
                        Enqueue(batch);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Looking for undelivered batches failed: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
