using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Commits;

/// <summary>
/// Each silo's feed of what its ledger writer committed: every batch goes to every <see cref="ICommitSubscriber"/>
/// (the live ticker first, then the webhooks and the roll-ups), as it commits. Now and then it looks in the ledger
/// for batches committed long enough ago whose roll-ups were never delivered (their silo died) and hands each to the
/// subscribers as recovered, unless this silo's roll-ups still hold it.
/// </summary>
public sealed class CommitFeed(
    ILedger ledger, IEnumerable<ICommitSubscriber> subscribers, RollupDispatcher rollups, IOptions<RollupOptions> options, ILogger<CommitFeed> logger)
    : BackgroundService
{
    private readonly ICommitSubscriber[] subscribers = [.. subscribers];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(ReceiveAsync(stoppingToken), RecoveryLoopAsync(stoppingToken));

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in ledger.Committed.ReadAllAsync(stoppingToken))
            {
                foreach (var subscriber in subscribers)
                {
                    subscriber.Committed(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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
                        if (rollups.Holds(batch.BatchId))
                        {
                            continue; // committed here and still being delivered: every subscriber has it
                        }

                        foreach (var subscriber in subscribers)
                        {
                            subscriber.Recovered(batch);
                        }
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
