using System.Diagnostics;
using Bijie.Actors.Client;
using Spectre.Console;

namespace Bijie.Actors.LoadGen;

/// <summary>The run cannot go on (no pairings, a bad indicator, a host that does not answer): said in one sentence.</summary>
public sealed class LoadGenException(string message) : Exception(message);

/// <summary>
/// One run: find the reporters, give them keys, watch the city board, send the load, measure how stale the board
/// was, check the ledger and the boards, and print. Public so that the tests run it in-process.
/// </summary>
public static class LoadGenerator
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Runs and prints to <paramref name="output"/> (table or JSON) and <paramref name="diagnostics"/> (progress, notes).</summary>
    /// <param name="stop">Stops sending new reports; what was sent is still awaited, measured and checked.</param>
    public static async Task<RunSummary> RunAsync(LoadOptions options, TextWriter output, TextWriter diagnostics, CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var notes = Console(diagnostics);
        var hosts = options.Urls.Select(url => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = url,
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own (LoadOptions.RequestTimeout)
        }).ToArray();
        try
        {
            // Setting up issues hundreds of keys with one key, whose rate limit answers 429 now and then: retry more.
            var admin = new BijieClient(hosts[0], new BijieClientOptions { ApiKey = options.Key, MaxAttempts = 8 });
            await CheckIndicatorAsync(admin, options.Indicator);

            // Reports are dated today as the programme reckons it; the boards and the ledger are read for its year.
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
            var organizations = await Reporters.DiscoverAsync(admin, date, CancellationToken.None);
            if (organizations.Count == 0)
            {
                throw new LoadGenException("no organisation has an active pairing to report on: start the host with the demo (./deploy/run.sh) or start pairings first");
            }

            var count = options.Reporters ?? organizations.Count;
            var used = organizations.Take(count).ToArray();
            var keys = options.SharedKey ? null : await Reporters.IssueKeysAsync(admin, used, runId, CancellationToken.None);
            if (keys is null && !options.SharedKey)
            {
                notes.WriteLine("the key given may not issue keys: reporting on the organisations' behalf with it (shares one key's rate limit)");
            }

            try
            {
                var reporters = Reporters.Assign(count, used, keys, options.Key, hosts);
                var check = new ExactnessCheck(admin, options.Indicator, date.Year);
                var before = options.Check ? await check.SnapshotAsync(CancellationToken.None) : new HashSet<Guid>();
                await using var watcher = await BoardWatcher.StartAsync(options.Urls[0], options.Key, date.Year, options.Indicator, clock, CancellationToken.None, options.BoardPoll);
                // The other open boards, spread over the hosts: they read as screens do and are not measured.
                var screens = await Task.WhenAll(Enumerable.Range(1, options.Boards - 1).Select(i =>
                    BoardWatcher.StartAsync(options.Urls[i % options.Urls.Count], options.Key, date.Year, options.Indicator, clock, CancellationToken.None, options.BoardPoll)));
                // A checked run also watches each county's board for going back, on the hosts in turn from the second:
                // a host cut off from the others may hold a roll-up of its own until it learns it is dead.
                var counties = options.Check ? await Localities.CountiesAsync(admin, CancellationToken.None) : [];
                var countyWatchers = await Task.WhenAll(counties.Select((c, i) =>
                    BoardWatcher.StartAsync(options.Urls[(i + 1) % options.Urls.Count], options.Key, date.Year, options.Indicator, clock, CancellationToken.None, options.BoardPoll, c.Code)));

                var runner = new LoadRunner(options, reporters, date, runId, clock);
                var result = await WithProgressAsync(notes, runner, options, clock, stop);

                // Staleness is measured on the reads made until the board shows every acknowledged report.
                var shown = await watcher.WaitForAsync(watcher.Baseline + result.Acknowledged.Sum(a => a.Value), TimeSpan.FromSeconds(30));
                if (!shown)
                {
                    notes.WriteLine($"the city board did not show every acknowledged report within 30 s (shows {watcher.Latest})");
                }

                var staleness = watcher.Measure(result.Acknowledged);
                var watched = countyWatchers.Select((w, i) => w.Watched(counties[i].Name)).Prepend(watcher.Watched(Localities.CityName)).ToArray();
                staleness = staleness with
                {
                    WentBack = watched.Sum(w => w.WentBack),
                    MostBack = watched.Max(w => w.MostBack),
                    Watched = watched,
                };
                foreach (var screen in screens.Concat(countyWatchers))
                {
                    await screen.DisposeAsync();
                }

                var exactness = options.Check
                    ? await check.RunAsync(result.Acknowledged, before, result.InDoubt, TimeSpan.FromSeconds(30), CancellationToken.None, used,
                        new RunHistory(runId, result.Sent, result.RefusedSequences ?? new HashSet<long>(), result.InDoubtSequences ?? new HashSet<long>()))
                    : null;
                if (exactness is not null && staleness.WentBack > 0)
                {
                    // The run only adds: a board that showed less than one seen before it went back.
                    exactness = exactness with
                    {
                        Passed = false,
                        Problems =
                        [
                            .. exactness.Problems,
                            .. watched.Where(w => w.WentBack > 0).Select(w =>
                                $"board {w.Code} {w.Name} on {w.Host} went back {w.WentBack:N0} times of {w.Seen:N0} seen, by at most {w.MostBack} {options.Indicator}"),
                        ],
                    };
                }
                var summary = new RunSummary(
                    runId, options.Rate is null ? "closed" : "open", options.Rate is null ? options.Concurrency : null, options.Rate,
                    options.Urls.Select(u => u.ToString()).ToArray(), count, used.Length, keys is not null, options.Indicator, date.Year,
                    result.Sent, result.Acknowledged.Count, result.Acknowledged.Count(a => a.Replayed), result.Refused, result.InDoubt,
                    Math.Round(result.Elapsed.TotalSeconds, 2), result.Latency, result.Errors, staleness, exactness);
                Print(options, output, diagnostics, summary);
                if (options.HistoryPath is { } history && result.Attempts is { } attempts)
                {
                    await WriteHistoryAsync(history, attempts);
                }

                return summary;
            }
            finally
            {
                if (keys is not null && await Reporters.RevokeKeysAsync(admin, keys.Values) is > 0 and var failed)
                {
                    notes.WriteLine($"{failed} of the run's {keys.Count} keys could not be revoked (owner 'loadgen {runId} …')");
                }
            }
        }
        catch (BijieApiException e) when (e.Status is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            throw new LoadGenException($"the key was refused ({(int)e.Status}): give an admin or office key (--key or --key-file). {e.Detail}");
        }
        catch (BijieApiException e)
        {
            throw new LoadGenException($"the server refused a step of the run: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new LoadGenException($"cannot reach {options.Urls[0]}: {e.Message}");
        }
        catch (System.Net.WebSockets.WebSocketException e)
        {
            throw new LoadGenException($"the live boards hub of {options.Urls[0]} did not answer ({e.Message}); for a server without it, give --board-poll 1s");
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }

    private static async Task CheckIndicatorAsync(BijieClient admin, string code)
    {
        var indicators = await admin.GetIndicatorsAsync();
        var reportable = indicators.Where(i => i.Reportable && i.Integral).Select(i => i.Code).ToArray();
        var indicator = indicators.FirstOrDefault(i => i.Code == code);
        if (indicator is null || !indicator.Reportable || !indicator.Integral)
        {
            throw new LoadGenException($"--indicator: '{code}' is {(indicator is null ? "not an indicator" : !indicator.Reportable ? "counted, not reported" : "not counted in whole numbers")}; " +
                $"reports may carry {string.Join(", ", reportable)}");
        }
    }

    private static async Task<RunnerResult> WithProgressAsync(IAnsiConsole console, LoadRunner runner, LoadOptions options, Stopwatch clock, CancellationToken stop)
    {
        if (!options.Progress)
        {
            return await runner.RunAsync(stop);
        }

        RunnerResult? result = null;
        await console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                // By count when there is one (reports answered for good), else by the time elapsed.
                var byCount = options.Count is not null;
                var task = context.AddTask("starting", maxValue: byCount ? options.Count!.Value : options.Duration!.Value.TotalSeconds);
                var started = clock.Elapsed;
                var run = runner.RunAsync(stop);
                do
                {
                    task.Value = byCount ? runner.Finished : Math.Min(task.MaxValue, (clock.Elapsed - started).TotalSeconds);
                    task.Description = $"acknowledged {runner.AcknowledgedCount:N0}, failed attempts {runner.ErrorCount:N0}";
                }
                while (await Task.WhenAny(run, Task.Delay(200)) != run);

                result = await run;
                task.Value = task.MaxValue;
                task.Description = $"acknowledged {runner.AcknowledgedCount:N0}, failed attempts {runner.ErrorCount:N0}";
            });
        return result!;
    }

    /// <summary>Every attempt, one JSON object a line, in report and attempt order.</summary>
    public static async Task WriteHistoryAsync(string path, IReadOnlyList<Attempt> attempts)
    {
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        await using var file = File.CreateText(path);
        foreach (var attempt in attempts)
        {
            await file.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(attempt, json));
        }
    }

    private static void Print(LoadOptions options, TextWriter output, TextWriter diagnostics, RunSummary summary)
    {
        // With the JSON on stdout the table goes to stderr, so that stdout stays one JSON document.
        var jsonOnStdout = options.JsonPath == "-";
        ReportPrinter.WriteTable(Console(jsonOnStdout ? diagnostics : output), summary);
        if (jsonOnStdout)
        {
            ReportPrinter.WriteJson(output, summary);
        }
        else if (options.JsonPath is { } path)
        {
            using var file = File.CreateText(path);
            ReportPrinter.WriteJson(file, summary);
        }
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = 160; // a file or pipe has no width: keep the table's rows whole
        }

        return console;
    }
}
