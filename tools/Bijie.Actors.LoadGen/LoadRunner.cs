using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bijie.Actors.Client;

namespace Bijie.Actors.LoadGen;

/// <summary>A report the server acknowledged (201, or 200 when a retry found it committed), with what it carried.</summary>
public sealed record Acknowledgement(long Sequence, Guid ReportId, long Position, string PairingId, decimal Value, bool Replayed, long AcknowledgedAt);

/// <summary>
/// One attempt at a report, as the history (<c>--history</c>) keeps it: which report and attempt, the host asked, when
/// it was sent and answered (ms from the start of the run), the answer (the status, "timeout" or "connection") and
/// what the generator made of it: acknowledged, refused (for good), retried, or given up (the last attempt of a
/// report neither acknowledged nor refused).
/// </summary>
public sealed record Attempt(long Sequence, int Number, string Host, double SentMs, double AnsweredMs, string Answer, string Outcome, Guid? ReportId);

/// <summary>What the load phase did.</summary>
/// <remarks><see cref="RefusedSequences"/> and <see cref="InDoubtSequences"/> name the reports refused for good and those given
/// up on, for the history check (each report's note names its run and sequence).</remarks>
public sealed record RunnerResult(
    IReadOnlyList<Acknowledgement> Acknowledged,
    long Sent,
    long Refused,
    long InDoubt,
    IReadOnlyDictionary<string, long> Errors,
    LatencySummary Latency,
    TimeSpan Elapsed,
    IReadOnlySet<long>? RefusedSequences = null,
    IReadOnlySet<long>? InDoubtSequences = null,
    IReadOnlyList<Attempt>? Attempts = null);

/// <summary>
/// Sends reports: in a closed loop (C senders, each sending its next report when the last was answered) or an open
/// loop (reports start at a fixed rate whatever the answers, so a slow server meets a growing queue, as it would
/// from real reporters). Each report has a fresh idempotency key and keeps it through every retry, so a report
/// whose answer was lost is counted once however often it is sent.
/// </summary>
public sealed class LoadRunner(LoadOptions options, IReadOnlyList<Reporter> reporters, DateOnly date, string runId, Stopwatch clock)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private readonly ConcurrentQueue<Acknowledgement> acknowledged = new();
    private readonly ConcurrentDictionary<string, long> errors = new();
    private readonly ConcurrentDictionary<long, bool> refusedSequences = new();
    private readonly ConcurrentDictionary<long, bool> inDoubtSequences = new();
    private readonly Latencies latency = new();
    private readonly ConcurrentQueue<Attempt>? attempts = options.HistoryPath is null ? null : new();
    private long next;
    private long finished;
    private long refused;
    private long inDoubt;

    /// <summary>Reports answered for good so far (acknowledged, refused or given up), for the progress bar.</summary>
    public long Finished => Interlocked.Read(ref finished);

    public long AcknowledgedCount => acknowledged.Count;

    public long ErrorCount => errors.Values.Sum();

    /// <summary>Runs until the count is sent or the duration is over (or <paramref name="stop"/>), then waits for the reports under way.</summary>
    public async Task<RunnerResult> RunAsync(CancellationToken stop)
    {
        var started = clock.Elapsed;
        var end = options.Duration is { } d ? started + d : TimeSpan.MaxValue;
        if (options.Rate is { } rate)
        {
            await OpenLoopAsync(rate, started, end, stop);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(() => ClosedLoopAsync(end, stop))));
        }

        return new RunnerResult(acknowledged.OrderBy(a => a.Sequence).ToArray(), Math.Min(Interlocked.Read(ref next), options.Count ?? long.MaxValue),
            refused, inDoubt, new SortedDictionary<string, long>(errors, StringComparer.Ordinal), latency.Summary(), clock.Elapsed - started,
            refusedSequences.Keys.ToHashSet(), inDoubtSequences.Keys.ToHashSet(),
            attempts?.OrderBy(a => a.Sequence).ThenBy(a => a.Number).ToArray());
    }

    private bool TakeNext(TimeSpan end, CancellationToken stop, out long sequence)
    {
        sequence = -1;
        if (stop.IsCancellationRequested || clock.Elapsed >= end)
        {
            return false;
        }

        sequence = Interlocked.Increment(ref next) - 1;
        return sequence < (options.Count ?? long.MaxValue);
    }

    private async Task ClosedLoopAsync(TimeSpan end, CancellationToken stop)
    {
        while (TakeNext(end, stop, out var sequence))
        {
            await SendAsync(sequence, clock.Elapsed);
        }
    }

    private async Task OpenLoopAsync(double rate, TimeSpan started, TimeSpan end, CancellationToken stop)
    {
        var underWay = new List<Task>();
        while (true)
        {
            // Report k is due at k/rate whatever happened to the earlier ones; its latency counts from then, so a
            // server that falls behind shows it in the latencies instead of silently slowing the arrivals.
            var due = started + TimeSpan.FromSeconds(Interlocked.Read(ref next) / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (due >= end || !TakeNext(end, stop, out var sequence))
            {
                break;
            }

            underWay.Add(Task.Run(() => SendAsync(sequence, due)));
            if (underWay.Count >= 10_000)
            {
                underWay.RemoveAll(t => t.IsCompleted); // a long run keeps only the reports still under way
            }
        }

        await Task.WhenAll(underWay);
    }

    private async Task SendAsync(long sequence, TimeSpan due)
    {
        var reporter = reporters[(int)(sequence % reporters.Count)];
        var pairings = reporter.Organization.PairingIds;
        var pairingId = pairings[(int)(sequence / reporters.Count % pairings.Count)];
        var value = 1 + sequence % 9; // small whole numbers, different from one report to the next
        var report = new NewReport(pairingId, null, date, new Dictionary<string, decimal> { [options.Indicator] = value }, NoteOf(runId, sequence));
        var key = $"loadgen-{runId}-{sequence}";
        var deadline = clock.Elapsed + options.RetryDeadline;
        var backoff = FirstBackoff;
        for (var attempt = 0; ; attempt++)
        {
            var hostIndex = (int)((sequence + attempt) % reporter.Hosts.Count);
            var host = reporter.Hosts[hostIndex];
            var sent = clock.Elapsed;
            string failure;
            try
            {
                using var timeout = new CancellationTokenSource(options.RequestTimeout);
                var receipt = await host.SubmitReportAsync(report, key, timeout.Token);
                var at = clock.Elapsed;
                latency.Record(at - due);
                acknowledged.Enqueue(new Acknowledgement(sequence, receipt.Id, receipt.Position, pairingId, value, receipt.Replayed, at.Ticks));
                Keep(sequence, attempt, hostIndex, sent, receipt.Replayed ? "200" : "201", "acknowledged", receipt.Id);
                break;
            }
            catch (BijieApiException e) when (!Retryable(e.Status))
            {
                // Refused for good (a 4xx): the same request would be refused again.
                Count(((int)e.Status).ToString());
                Interlocked.Increment(ref refused);
                refusedSequences[sequence] = true;
                Keep(sequence, attempt, hostIndex, sent, ((int)e.Status).ToString(), "refused", null);
                break;
            }
            catch (BijieApiException e)
            {
                failure = ((int)e.Status).ToString();
            }
            catch (OperationCanceledException)
            {
                failure = "timeout";
            }
            catch (HttpRequestException)
            {
                failure = "connection";
            }

            Count(failure);
            if (clock.Elapsed + backoff > deadline)
            {
                // Neither acknowledged nor refused: it may or may not have been committed. The exactness check
                // allows for these (at most this many unacknowledged reports of ours may stand in the ledger).
                Interlocked.Increment(ref inDoubt);
                inDoubtSequences[sequence] = true;
                Keep(sequence, attempt, hostIndex, sent, failure, "given up", null);
                break;
            }

            Keep(sequence, attempt, hostIndex, sent, failure, "retried", null);

            // Jittered, so that reports that failed together do not all come back at the same instant.
            await Task.Delay(backoff * (0.5 + Random.Shared.NextDouble() / 2));
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }

        Interlocked.Increment(ref finished);
    }

    /// <summary>The note each report of a run carries: its run and sequence, which the ledger's export gives back.</summary>
    public static string NoteOf(string runId, long sequence) => $"loadgen {runId} #{sequence}";

    private static bool Retryable(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private void Keep(long sequence, int attempt, int host, TimeSpan sent, string answer, string outcome, Guid? reportId) =>
        attempts?.Enqueue(new Attempt(sequence, attempt + 1, options.Urls[host].ToString(), Math.Round(sent.TotalMilliseconds, 1),
            Math.Round(clock.Elapsed.TotalMilliseconds, 1), answer, outcome, reportId));

    private void Count(string failure) => errors.AddOrUpdate(failure, 1, (_, n) => n + 1);
}
