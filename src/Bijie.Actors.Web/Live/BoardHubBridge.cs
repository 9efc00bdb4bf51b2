using Bijie.Actors.Abstractions.Configuration;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// This web host's one observer of every silo's live feed (GPSTracker's hub observer): it subscribes to the live
/// directory, renews that subscription, and relays each update to the SignalR groups that watch its scopes.
/// </summary>
public sealed class BoardHubBridge(
    IGrainFactory grains, IHubContext<BoardHub> hub, BoardCache cache, BoardPusher pusher, IOptions<LiveOptions> options, ILogger<BoardHubBridge> logger)
    : BackgroundService, IBoardObserver
{
    /// <summary>How many lines a board's ticker shows (the city board's: 12).</summary>
    public const int TickerLength = 12;

    private IBoardObserver? reference;
    private long updatesRelayed;

    /// <summary>Updates relayed to browsers; tests read it.</summary>
    public long UpdatesRelayed => Interlocked.Read(ref updatesRelayed);

    public Task OnLiveAsync(LiveUpdate update)
    {
        Interlocked.Increment(ref updatesRelayed);
        foreach (var change in update.Changes)
        {
            cache.Invalidate(change.Scope); // before the screens hear of it and read again
            pusher.OnChanged(change);
        }

        _ = RelayAsync(update);
        return Task.CompletedTask;
    }

    private async Task RelayAsync(LiveUpdate update)
    {
        try
        {
            foreach (var change in update.Changes)
            {
                await hub.Clients.Group(change.Scope).SendAsync("changed", change);
            }

            // A screen's ticker shows the latest TickerLength reports: of one update, a locality's group hears only
            // its latest that many. While thousands of reports a second pour in, a screen hears a few hundred
            // lines a second instead of every report, and its ticker is still exactly the latest.
            var latest = update.Reports
                .SelectMany(r => r.Scopes.Where(s => Scope.KindOf(s) == ScopeKind.Locality).Select(g => (Group: g, Report: r)))
                .GroupBy(x => x.Group, StringComparer.Ordinal)
                .SelectMany(g => g.TakeLast(TickerLength))
                .GroupBy(x => x.Report);
            foreach (var report in latest)
            {
                await hub.Clients.Groups(report.Select(x => x.Group).ToArray()).SendAsync("reported", report.Key);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("Live update not relayed to browsers: {Message}", e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.RenewInterval;
            try
            {
                reference ??= grains.CreateObjectReference<IBoardObserver>(this);
                await grains.GetGrain<ILiveDirectoryGrain>(0).SubscribeAsync(reference).WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The silo may still be starting, or the directory moving to another silo: try again soon.
                logger.LogDebug("Live subscription not renewed yet: {Message}", e.Message);
                wait = TimeSpan.FromMilliseconds(500);
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (reference is not null)
        {
            try
            {
                await grains.GetGrain<ILiveDirectoryGrain>(0).UnsubscribeAsync(reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e)
            {
                logger.LogDebug("Live subscription not withdrawn: {Message}", e.Message);
            }
        }

        await base.StopAsync(cancellationToken);
    }
}
