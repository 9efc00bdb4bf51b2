using Bijie.Actors.Abstractions;
using Bijie.Actors.Abstractions.Configuration;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Live;

/// <summary>
/// Each silo's live batcher, in the pattern of the GPSTracker sample's push notifier: roll-up grains on this silo
/// say which scopes changed, this silo's ledger writer says which reports it committed; every flush interval one
/// <see cref="LiveUpdate"/> goes to every web host's observer, which pushes it to the browsers watching. Nothing
/// here is durable: a browser that missed updates (its host died) re-reads its boards when it reconnects.
/// </summary>
public sealed class LiveFeed(IGrainFactory grains, IDisplayNames names, IOptions<LiveOptions> options, ILogger<LiveFeed> logger) : BackgroundService, Commits.ICommitSubscriber
{
    private readonly object gate = new();
    private readonly Dictionary<string, (int From, int? To)> changes = [];
    private readonly List<CommittedEntry> reports = [];
    private IReadOnlyList<IBoardObserver> observers = [];
    private DateTimeOffset observersRead = DateTimeOffset.MinValue;
    private long updatesSent;

    /// <summary>Updates sent to web hosts so far; tests read it.</summary>
    public long UpdatesSent => Interlocked.Read(ref updatesSent);

    /// <summary>A roll-up's figures changed for the years from..to (null: every later year).</summary>
    public void ScopeChanged(string scope, int from, int? to)
    {
        lock (gate)
        {
            if (changes.TryGetValue(scope, out var known))
            {
                from = Math.Min(from, known.From);
                to = to is null || known.To is null ? null : Math.Max(to.Value, known.To.Value);
            }

            changes[scope] = (from, to);
        }
    }

    /// <summary>The reports and reversals of a batch this silo committed, for the ticker.</summary>
    public void Committed(CommittedBatch batch)
    {
        lock (gate)
        {
            // (A reversal of an approval carries only derived "approved:…" lines: not a report withdrawn.)
            reports.AddRange(batch.Entries.Where(e => e.Entry.Kind is EntryKind.Report
                || (e.Entry.Kind is EntryKind.Reversal && e.Entry.Lines.Any(l => l.IsValue))));
            if (reports.Count > 1000)
            {
                reports.RemoveRange(0, reports.Count - 1000); // a ticker shows the latest; a flood keeps the newest
            }
        }
    }

    /// <summary>A recovered batch is old news: the ticker shows what is committed now.</summary>
    public void Recovered(CommittedBatch batch)
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Anything, a cancelled grain call included, costs one update, never the feed: only stopping ends it.
                    logger.LogWarning("Live update not sent: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<ScopeChange> changed;
        List<CommittedEntry> committed;
        lock (gate)
        {
            if (changes.Count == 0 && reports.Count == 0)
            {
                return;
            }

            changed = changes.Select(c => new ScopeChange(c.Key, c.Value.From, c.Value.To)).ToList();
            committed = [.. reports];
            changes.Clear();
            reports.Clear();
        }

        var items = await Task.WhenAll(committed.Select(c => Ticker.ItemAsync(names, c.Entry, logger)));
        var update = new LiveUpdate(changed, items);
        foreach (var observer in await ObserversAsync(cancellationToken))
        {
            try
            {
                await observer.OnLiveAsync(update); // one-way: a dead host costs nothing
            }
            catch (Exception e)
            {
                logger.LogDebug("A web host did not take a live update: {Message}", e.Message);
            }
        }

        Interlocked.Increment(ref updatesSent);
    }

    private async Task<IReadOnlyList<IBoardObserver>> ObserversAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - observersRead > options.Value.DirectoryRefresh)
        {
            try
            {
                observers = await grains.GetGrain<ILiveDirectoryGrain>(0).GetObserversAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                observersRead = DateTimeOffset.UtcNow;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Live directory not read ({Message}); using the last list", e.Message);
            }
        }

        return observers;
    }
}
