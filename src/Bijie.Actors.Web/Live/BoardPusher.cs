using Bijie.Actors.Abstractions.Configuration;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// Pushes a locality's changed board to the screens that watch it (<see cref="BoardHub.WatchBoard"/>), so that a
/// hundred open screens cost one board read and one serialisation per change on each web host instead of a hundred
/// HTTP reads. While reports pour in, a board is pushed at most once per <see cref="LiveOptions.PushSpacing"/>,
/// and always once after the last change, so the last push includes every change. Only boards somebody watches are
/// built, and only for the years they watch.
/// </summary>
public sealed class BoardPusher(
    IGrainFactory grains,
    IBoardReader boards,
    IHubContext<BoardHub> hub,
    BoardCache cache,
    TimeProvider time,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IOptions<LiveOptions> options,
    ILogger<BoardPusher> logger)
{
    private readonly ConcurrentDictionary<(string Code, int Year), int> watchers = new();
    private readonly ConcurrentDictionary<(string Code, int Year), Slot> slots = new();
    private long pushes;

    private TimeProvider Time => time;

    private TimeSpan Spacing => options.Value.PushSpacing;

    /// <summary>Boards pushed; tests read it.</summary>
    public long Pushes => Interlocked.Read(ref pushes);

    /// <summary>The group of the screens that watch a locality's board for a year.</summary>
    public static string Group(string code, int year) => $"board:{code}:{year}";

    public void Watch(string code, int year) => watchers.AddOrUpdate((code, year), 1, (_, n) => n + 1);

    public void Unwatch(string code, int year)
    {
        if (watchers.AddOrUpdate((code, year), 0, (_, n) => n - 1) <= 0)
        {
            watchers.TryRemove(new KeyValuePair<(string, int), int>((code, year), 0));
        }
    }

    /// <summary>A scope changed for some years: the watched boards of that locality and those years are pushed again.</summary>
    public void OnChanged(ScopeChange change)
    {
        if (Scope.Parse(change.Scope) is not { Kind: ScopeKind.Locality, Id: var code })
        {
            return;
        }

        foreach (var (key, count) in watchers)
        {
            if (count > 0 && key.Code == code && key.Year >= change.FromYear && (change.ToYear is null || key.Year <= change.ToYear))
            {
                slots.GetOrAdd(key, k => new Slot(this, k)).Request();
            }
        }
    }

    /// <summary>Builds and sends one board; false when it could not (the slot tries again after the spacing).</summary>
    private async Task<bool> PushAsync((string Code, int Year) key)
    {
        try
        {
            var locality = await grains.GetLocality(key.Code).GetAsync();
            var bytes = await cache.LocalityBoardAsync(locality, key.Year, boards, json.Value.SerializerOptions);
            // One message for the group, the board's bytes as the cache holds them: written once into it, the same to every screen.
            await hub.Clients.Group(Group(key.Code, key.Year)).SendAsync("board", new RawJson(bytes));
            Interlocked.Increment(ref pushes);
            return true;
        }
        catch (Exception e)
        {
            // Screens that take pushed boards skip 'changed' for them: a push that failed is tried again.
            logger.LogDebug("Board {Code} {Year} not pushed: {Message}", key.Code, key.Year, e.Message);
            return false;
        }
    }

    /// <summary>How many times in a row a board whose push failed is tried again before the slot waits for the next change.</summary>
    public const int PushAttempts = 5;

    /// <summary>
    /// One board's pushes: never two at once, at most one per spacing, one more after a change that came during a
    /// push, and a failed push tried again (up to <see cref="PushAttempts"/> in a row) after the spacing.
    /// </summary>
    private sealed class Slot(BoardPusher owner, (string Code, int Year) key)
    {
        private readonly Lock sync = new();
        private bool running;
        private bool again;
        private long last;
        private int failures;

        public void Request()
        {
            lock (sync)
            {
                if (running)
                {
                    again = true;
                    return;
                }

                running = true;
            }

            _ = Task.Run(LoopAsync);
        }

        private async Task LoopAsync()
        {
            var time = owner.Time;
            while (true)
            {
                var wait = owner.Spacing - time.GetElapsedTime(Interlocked.Read(ref last));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time); // changes that come meanwhile are in the board read after it
                }

                Interlocked.Exchange(ref last, time.GetTimestamp());
                var pushed = await owner.PushAsync(key);
                lock (sync)
                {
                    failures = pushed ? 0 : failures + 1;
                    if (!pushed && failures < PushAttempts)
                    {
                        again = true;
                    }

                    if (!again)
                    {
                        running = false;
                        return;
                    }

                    again = false;
                }
            }
        }
    }
}
