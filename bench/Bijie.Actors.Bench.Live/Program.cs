using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

// How long a committed report takes to show on every open board that covers it.
//
//   dotnet run -c Release --project bench/Bijie.Actors.Bench.Live -- \
//     --url http://127.0.0.1:5081 --url http://127.0.0.1:5082 --key-file .local/cluster/admin-api-key \
//     [--boards 50] [--reports 300] [--rate 20]
//
// Opens --boards SignalR connections spread over the hosts (as browsers are, each watching the city's roll-up,
// each re-reading the city board when told it changed, one read at a time as the pages do), then posts --reports
// reports of 1 person-time each at --rate per second, round robin over the hosts. A report's latency on a board
// is the time from its acknowledgement (201: committed) to the first read of that board that includes it.
var options = Options.Parse(args);
var stopwatch = Stopwatch.StartNew();
var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
var year = today.Year;
var key = (await File.ReadAllTextAsync(options.KeyFile)).Trim();
var hosts = options.Urls.Select(url =>
{
    var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    return client;
}).ToArray();

// A pairing of the benchmark's own to report on.
var run = Guid.NewGuid().ToString("N")[..8];
var helperId = $"bench-live-{run}";
(await hosts[0].PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = $"基准测试单位{run}", kind = "Unit", strengths = Array.Empty<string>() })).EnsureSuccessStatusCode();
var started = await hosts[0].PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId, localityCode = "520502001", start = today.ToString("yyyy-MM-dd"), responsibleStaffId = "staff-001" });
started.EnsureSuccessStatusCode();
var pairingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

async Task<decimal> ReadCityAsync(HttpClient http) =>
    (await http.GetFromJsonAsync<JsonElement>($"/api/v1/boards/5205?year={year}"))
    .GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal();

var baseline = await ReadCityAsync(hosts[0]);

// The boards.
var boards = new List<Board>();
for (var i = 0; i < options.Boards; i++)
{
    var url = options.Urls[i % options.Urls.Count];
    var board = new Board(url, year, stopwatch);
    await board.StartAsync();
    boards.Add(board);
}

Console.WriteLine($"{boards.Count} boards connected over {options.Urls.Count} host(s); posting {options.Reports} reports at {options.Rate}/s");
var acknowledged = new (long At, decimal Expected)[options.Reports];
var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
var next = stopwatch.Elapsed;
for (var k = 0; k < options.Reports; k++)
{
    next += interval;
    if (next > stopwatch.Elapsed)
    {
        await Task.Delay(next - stopwatch.Elapsed);
    }

    var http = hosts[k % hosts.Length];
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
    {
        Content = JsonContent.Create(new { pairingId, date = today.ToString("yyyy-MM-dd"), values = new Dictionary<string, decimal> { ["clinic_person_times"] = 1 } }),
    };
    request.Headers.Add("Idempotency-Key", $"{run}-{k}");
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    acknowledged[k] = (stopwatch.ElapsedTicks, baseline + k + 1);
}

// Wait until every board shows the last report, or 10 s.
var deadline = stopwatch.Elapsed + TimeSpan.FromSeconds(10);
while (stopwatch.Elapsed < deadline && boards.Any(b => b.Latest < baseline + options.Reports))
{
    await Task.Delay(20);
}

var latencies = new List<double>();
var missed = 0;
foreach (var board in boards)
{
    var seen = board.Observations.ToArray();
    foreach (var (at, expected) in acknowledged)
    {
        var first = seen.FirstOrDefault(o => o.Value >= expected && o.At >= at);
        if (first.At == 0)
        {
            // The read that first showed it may have begun before the acknowledgement arrived: then it showed at once.
            if (seen.Any(o => o.Value >= expected))
            {
                latencies.Add(0);
            }
            else
            {
                missed++;
            }

            continue;
        }

        latencies.Add((first.At - at) * 1000.0 / Stopwatch.Frequency);
    }
}

latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
Console.WriteLine($"report → board latency over {latencies.Count} (board, report) pairs: p50 {Percentile(50):F0} ms, p90 {Percentile(90):F0} ms, " +
    $"p99 {Percentile(99):F0} ms, max {latencies.LastOrDefault():F0} ms; not shown within 10 s: {missed}");
Console.WriteLine($"board reads: {boards.Sum(b => b.Reads)} ({boards.Sum(b => b.Reads) / Math.Max(1, boards.Count)} per board for {options.Reports} reports); " +
    $"'changed' messages: {boards.Sum(b => b.Changes)}; reads refused or failed: {boards.Sum(b => b.Failures)}");
foreach (var board in boards)
{
    await board.DisposeAsync();
}

return missed == 0 ? 0 : 1;

/// <summary>One open board: watches the city, re-reads it when told, one read at a time (a burst costs two reads).</summary>
internal sealed class Board(string url, int year, Stopwatch clock) : IAsyncDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(url) };
    private readonly HubConnection hub = new HubConnectionBuilder()
        .WithUrl($"{url.TrimEnd('/')}/hubs/boards", o => { o.SkipNegotiation = true; o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets; })
        .Build();
    private readonly object sync = new();
    private bool running;
    private bool again;
    private long reads;
    private long changes;
    private long failures;

    public long Failures => Interlocked.Read(ref failures);

    public ConcurrentQueue<(long At, decimal Value)> Observations { get; } = new();

    public decimal Latest { get; private set; }

    public long Reads => Interlocked.Read(ref reads);

    public long Changes => Interlocked.Read(ref changes);

    public async Task StartAsync()
    {
        hub.On<JsonElement>("changed", change =>
        {
            Interlocked.Increment(ref changes);
            var from = change.GetProperty("fromYear").GetInt32();
            var to = change.GetProperty("toYear");
            if (from <= year && (to.ValueKind == JsonValueKind.Null || to.GetInt32() >= year))
            {
                _ = RefreshAsync();
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("Watch", new[] { "L:5205" });
        await RefreshAsync();
    }

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

        return ReadLoopAsync();
    }

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            lock (sync)
            {
                again = false;
            }

            JsonElement board;
            try
            {
                board = await http.GetFromJsonAsync<JsonElement>($"/api/v1/boards/5205?year={year}");
            }
            catch (HttpRequestException)
            {
                // Refused (429 when the host's per-address limit is lower than this many boards need) or lost:
                // counted, and read again shortly, as the pages do.
                Interlocked.Increment(ref failures);
                await Task.Delay(200);
                lock (sync)
                {
                    again = true;
                }

                continue;
            }

            Interlocked.Increment(ref reads);
            Latest = board.GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal();
            Observations.Enqueue((clock.ElapsedTicks, Latest));
            lock (sync)
            {
                if (!again)
                {
                    running = false;
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await hub.DisposeAsync();
        http.Dispose();
    }
}

internal sealed record Options(IReadOnlyList<string> Urls, string KeyFile, int Boards, int Reports, int Rate)
{
    public static Options Parse(string[] args)
    {
        var urls = new List<string>();
        string keyFile = ".local/admin-api-key";
        int boards = 50, reports = 300, rate = 20;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i++])
            {
                case "--url": urls.Add(value); break;
                case "--key-file": keyFile = value; break;
                case "--boards": boards = int.Parse(value); break;
                case "--reports": reports = int.Parse(value); break;
                case "--rate": rate = int.Parse(value); break;
                default: throw new ArgumentException($"unknown option {args[i - 1]}");
            }
        }

        if (urls.Count == 0)
        {
            urls.Add("http://127.0.0.1:5080");
        }

        return new Options(urls, keyFile, boards, reports, rate);
    }
}
