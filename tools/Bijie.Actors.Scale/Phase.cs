using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bijie.Actors.Client;
using Bijie.Actors.LoadGen;

namespace Bijie.Actors.Scale;

/// <summary>What one phase of the run measured.</summary>
public sealed record PhaseResult(string Name, int Count, int Done, double Seconds, LatencySummary Latency, IReadOnlyDictionary<string, int> Retries)
{
    public double PerSecond => Seconds > 0 ? Math.Round(Done / Seconds, 1) : 0;
}

/// <summary>
/// Runs one phase: items 0..count-1 with a fixed number in flight, going round the hosts, each retried on the
/// answers a busy or restarting cluster gives (429, 502, 503, 504, a lost connection, a timeout) with the same
/// request, and given up after 10 attempts. Latency counts from the first attempt to the answer.
/// </summary>
public static class Phase
{
    private const int MaxAttempts = 10;

    public static async Task<PhaseResult> RunAsync(
        string name, int count, int concurrency, IReadOnlyList<BijieClient> hosts, TextWriter progress, Func<int, BijieClient, CancellationToken, Task> work)
    {
        var latencies = new Latencies();
        var retries = new ConcurrentDictionary<string, int>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        using var timer = new Timer(_ => progress.WriteLine($"  {name}: {Volatile.Read(ref done):N0} of {count:N0} after {clock.Elapsed.TotalSeconds:F0} s"),
            null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await work(i, hosts[(i + attempt) % hosts.Count], ct);
                    latencies.Record(Stopwatch.GetElapsedTime(start));
                    Interlocked.Increment(ref done);
                    return;
                }
                catch (Exception e) when (attempt + 1 < MaxAttempts && Transient(e) is { } reason)
                {
                    retries.AddOrUpdate(reason, 1, (_, n) => n + 1);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)), ct);
                }
            }
        });
        return new PhaseResult(name, count, done, Math.Round(clock.Elapsed.TotalSeconds, 2), latencies.Summary(), retries);
    }

    private static string? Transient(Exception e) => e switch
    {
        BijieApiException { Status: HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } api
            => ((int)api.Status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequestException => "connection",
        TaskCanceledException => "timeout",
        _ => null,
    };
}
