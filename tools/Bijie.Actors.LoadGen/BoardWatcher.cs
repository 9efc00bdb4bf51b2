using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Bijie.Actors.Client;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Bijie.Actors.LoadGen;

/// <summary>How long acknowledged reports took to show on the city board, and how the board was read.</summary>
/// <remarks>
/// <see cref="WentBack"/> counts the boards that showed less than a board seen wholly before them (a read that began
/// after the other ended, or a push that came after it): the run only adds, so no figure ever goes back. It counts
/// the city's board and, when the run checks, each county's, watched on the hosts in turn (<see cref="Watched"/>).
/// </remarks>
public sealed record StalenessResult(LatencySummary Latency, long NotShown, long Reads, long Changes, long FailedReads, long Pushed,
    long WentBack = 0, decimal MostBack = 0, IReadOnlyList<WatchedBoard>? Watched = null);

/// <summary>One board watched for going back: where, how many times it was seen, how often and by how much it went back.</summary>
public sealed record WatchedBoard(string Code, string Name, string Host, long Seen, long WentBack, decimal MostBack);

/// <summary>
/// Watches a board (the city's, L:5205, unless told another) as a live screen does: one SignalR connection by WebSockets without negotiation
/// that has the board for the year shown pushed after each change (the hub's <c>WatchBoard</c> and <c>board</c>),
/// read once at the start and again after a reconnection. A server whose hub does not push boards is watched as
/// the pages watch a scope (wwwroot/js/live.js): re-reading when told it changed, one read at a time, at most once
/// per 200 ms while changes keep coming. Every board seen is kept with its time, so that each acknowledgement can be
/// matched with the first board that included it.
/// </summary>
public sealed class BoardWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(200);
    private readonly BijieClient board;
    private readonly HubConnection? hub;
    private readonly TimeSpan? poll;
    private readonly CancellationTokenSource stopping = new();
    private readonly int year;
    private readonly string code;
    private readonly string indicator;
    private readonly Stopwatch clock;
    // Each board seen: when its read began (a pushed board: when it came), when it was in hand, and its value.
    private readonly ConcurrentQueue<(long At, decimal Value, long Since)> observations = new();
    private readonly Lock sync = new();
    private decimal latest;
    private bool running;
    private bool again;
    private volatile bool pushes;
    private long reads;
    private long pushed;
    private long changes;
    private long failures;

    private BoardWatcher(Uri url, string key, int year, string indicator, Stopwatch clock, TimeSpan? poll, string code)
    {
        this.poll = poll;
        this.code = code;
        Url = url;
        this.year = year;
        this.indicator = indicator;
        this.clock = clock;
        board = new BijieClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) }, new BijieClientOptions { ApiKey = key });
        hub = poll is not null ? null : new HubConnectionBuilder()
            .WithUrl(new Uri(url, "/hubs/boards"), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Authorization"] = $"Bearer {key}"; // boards may be closed to the public
            })
            .WithAutomaticReconnect()
            .Build();
    }

    /// <summary>The host whose board this is.</summary>
    public Uri Url { get; }

    /// <summary>The board's value when the watch began, before any report of the run.</summary>
    public decimal Baseline { get; private set; }

    /// <summary>The latest value read (a decimal is not written atomically: read and written under the lock).</summary>
    public decimal Latest
    {
        get { lock (sync) { return latest; } }
        private set { lock (sync) { latest = value; } }
    }

    /// <param name="poll">Read every so often instead of on pushed changes: a board on a server without the live hub.</param>
    /// <param name="code">The locality whose board is watched: the city's unless told.</param>
    public static async Task<BoardWatcher> StartAsync(Uri url, string key, int year, string indicator, Stopwatch clock, CancellationToken cancellationToken, TimeSpan? poll = null,
        string code = Localities.City)
    {
        var watcher = new BoardWatcher(url, key, year, indicator, clock, poll, code);
        await watcher.ConnectAsync(cancellationToken);
        return watcher;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (hub is null)
        {
            var since = clock.Elapsed.Ticks;
            Baseline = Latest = await ReadAsync(cancellationToken);
            observations.Enqueue((clock.Elapsed.Ticks, Baseline, since));
            _ = Task.Run(PollLoopAsync, CancellationToken.None);
            return;
        }

        hub.On<JsonElement>("board", message =>
        {
            Interlocked.Increment(ref changes);
            Interlocked.Increment(ref pushed);
            var value = message.GetProperty("indicators").TryGetProperty(indicator, out var figure) ? figure.GetProperty("value").GetDecimal() : 0;
            Latest = value;
            var at = clock.Elapsed.Ticks;
            observations.Enqueue((at, value, at));
        });
        hub.On<JsonElement>("changed", change =>
        {
            if (pushes)
            {
                return; // the board itself comes as 'board'
            }

            Interlocked.Increment(ref changes);
            var to = change.GetProperty("toYear");
            if (change.GetProperty("fromYear").GetInt32() <= year && (to.ValueKind == JsonValueKind.Null || year <= to.GetInt32()))
            {
                _ = RefreshAsync();
            }
        });
        hub.Reconnected += async _ =>
        {
            // A reconnection may land on another host and missed every change meanwhile: join again and re-read.
            await JoinAsync(CancellationToken.None);
            await RefreshAsync();
        };
        await hub.StartAsync(cancellationToken);
        await JoinAsync(cancellationToken);
        var began = clock.Elapsed.Ticks;
        Baseline = Latest = await ReadAsync(cancellationToken);
        observations.Enqueue((clock.Elapsed.Ticks, Baseline, began));
    }

    /// <summary>Joins the locality's scope, and has its board pushed when the server can (else reads on 'changed').</summary>
    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var connection = hub!;
        await connection.InvokeAsync("Watch", new[] { $"L:{code}" }, cancellationToken);
        try
        {
            await connection.InvokeAsync("WatchBoard", code, year, cancellationToken);
            pushes = true;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException)
        {
            pushes = false; // a server without pushed boards
        }
    }

    /// <summary>A screen that refreshes on a timer: one read per interval, each counted as a change seen.</summary>
    private async Task PollLoopAsync()
    {
        using var timer = new PeriodicTimer(poll!.Value);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                Interlocked.Increment(ref changes);
                await RefreshAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<decimal> ReadAsync(CancellationToken cancellationToken) =>
        (await board.GetBoardAsync(code, year, cancellationToken)).Indicators.TryGetValue(indicator, out var figure) ? figure.Value : 0;

    private Task RefreshAsync()
    {
        lock (sync)
        {
            if (running)
            {
                again = true;
                return Task.CompletedTask;
            }

            running = true;
        }

        return Task.Run(ReadLoopAsync);
    }

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            lock (sync)
            {
                again = false;
            }

            var started = clock.Elapsed;
            try
            {
                var value = await ReadAsync(CancellationToken.None);
                Interlocked.Increment(ref reads);
                Latest = value;
                observations.Enqueue((clock.Elapsed.Ticks, value, started.Ticks));
            }
            catch (Exception e) when (e is BijieApiException or HttpRequestException or TaskCanceledException)
            {
                // Refused or lost: read again shortly, as the pages do; the next change might come too late.
                Interlocked.Increment(ref failures);
                await Task.Delay(200);
                lock (sync)
                {
                    again = true;
                }
            }

            lock (sync)
            {
                if (!again)
                {
                    running = false;
                    return;
                }
            }

            // As the pages (live.js): under a burst of changes, at most one read per Spacing.
            var wait = Spacing - (clock.Elapsed - started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
    }

    /// <summary>Waits until the board shows at least <paramref name="value"/>, or the time is up.</summary>
    public async Task<bool> WaitForAsync(decimal value, TimeSpan within)
    {
        var deadline = clock.Elapsed + within;
        while (Latest < value && clock.Elapsed < deadline)
        {
            await Task.Delay(20);
        }

        return Latest >= value;
    }

    /// <summary>
    /// For each acknowledgement, the time to the first read at or after it that includes it. The board shows a sum,
    /// not which reports it holds, so a report counts as included once the board reaches the baseline plus every
    /// acknowledged value up to its ledger position (positions follow commit order). That is conservative: a
    /// read that includes it but not an earlier report still in flight counts as not yet including it.
    /// </summary>
    public StalenessResult Measure(IReadOnlyList<Acknowledgement> acknowledged)
    {
        var seen = observations.ToArray();
        Array.Sort(seen, (a, b) => a.At.CompareTo(b.At));
        var shownBy = new decimal[seen.Length]; // the most any read up to i showed: monotone, so it can be searched
        for (var i = 0; i < seen.Length; i++)
        {
            shownBy[i] = Math.Max(seen[i].Value, i > 0 ? shownBy[i - 1] : decimal.MinValue);
        }

        var latencies = new Latencies();
        long notShown = 0;
        var expected = Baseline;
        foreach (var ack in acknowledged.OrderBy(a => a.Position))
        {
            expected += ack.Value;
            var firstShowing = FirstIndex(i => shownBy[i] >= expected);
            if (firstShowing == seen.Length)
            {
                notShown++;
                continue;
            }

            // A read that showed it and completed before the acknowledgement arrived: it was on the board at once.
            latencies.Record(TimeSpan.FromTicks(Math.Max(0, seen[firstShowing].At - ack.AcknowledgedAt)));
        }

        var (wentBack, mostBack) = Backwards(seen);
        return new StalenessResult(latencies.Summary(), notShown, Interlocked.Read(ref reads), Interlocked.Read(ref changes), Interlocked.Read(ref failures), Interlocked.Read(ref pushed),
            wentBack, mostBack);

        int FirstIndex(Func<int, bool> holds)
        {
            int low = 0, high = seen.Length;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (holds(mid))
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            return low;
        }
    }

    /// <summary>This board's looks for going back (<see cref="Backwards"/>), for a board watched only for that.</summary>
    public WatchedBoard Watched(string name)
    {
        var seen = observations.ToArray();
        var (count, most) = Backwards(seen);
        return new WatchedBoard(code, name, Url.ToString(), seen.Length, count, most);
    }

    /// <summary>
    /// The boards that showed less than one seen wholly before them, and by how much at most. Two reads under way at
    /// once (or a read and a push) may come back in either order, so only a board in hand before another began counts.
    /// </summary>
    public static (long Count, decimal Most) Backwards(IReadOnlyList<(long At, decimal Value, long Since)> seen)
    {
        var byEnd = seen.OrderBy(o => o.At).ToArray();
        var bySince = seen.OrderBy(o => o.Since).ToArray();
        long count = 0;
        decimal most = 0, highest = decimal.MinValue;
        var e = 0;
        foreach (var o in bySince)
        {
            while (e < byEnd.Length && byEnd[e].At < o.Since)
            {
                highest = Math.Max(highest, byEnd[e++].Value);
            }

            if (o.Value < highest)
            {
                count++;
                most = Math.Max(most, highest - o.Value);
            }
        }

        return (count, most);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }
}
