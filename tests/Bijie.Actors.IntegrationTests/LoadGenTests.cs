using Bijie.Actors.Client;
using Bijie.Actors.LoadGen;
using Xunit.Abstractions;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The load generator against a real host with the demo: counted once, boards equal to the ledger.</summary>
public sealed class LoadGenTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Two_thousand_reports_by_the_demo_reporters_are_acknowledged_once_and_every_board_equals_the_ledger()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");
        var serviceId = $"loadgen{Guid.NewGuid():N}";
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "SingleNode",
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["Bijie:Demo"] = "OnEmptyStore",
            ["Bijie:AdminKeyFile"] = keyFile,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
            ["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync("loadgen"),
            // Every one of the 600-odd reporters' keys is new to the host and all come from one address: at the default of
            // 10 first lookups a second per address the run waited a minute on the limiter alone. The limits have their
            // own tests (RateLimitTests); this one is about exactness.
            ["Bijie:Api:KeyLookupsPerSecondPerAddress"] = "100000",
            ["Bijie:Api:RequestsPerSecondPerKey"] = "100000",
            ["Bijie:Api:AnonymousRequestsPerSecond"] = "100000",
        });
        await host.WaitReadyAsync(TimeSpan.FromSeconds(180)); // the demo loads first
        var history = Path.Combine(Path.GetTempPath(), $"bijie-history-{Guid.NewGuid():N}.jsonl");
        var options = LoadOptions.Parse(["--url", host.Http.BaseAddress!.ToString(), "--key-file", keyFile, "--count", "2000", "--concurrency", "16", "--no-progress",
            "--history", history]);
        File.Delete(keyFile);
        using var output = new StringWriter();
        using var notes = new StringWriter();

        var summary = await LoadGenerator.RunAsync(options, output, notes);

        log.WriteLine(output.ToString());
        log.WriteLine(notes.ToString());
        Assert.True(summary.KeyPerOrganization);
        Assert.True(summary.Organizations >= 508 + 108, $"{summary.Organizations} organisations report");
        Assert.Equal(2000, summary.Sent);
        Assert.Equal(2000, summary.Acknowledged);
        Assert.Equal(0, summary.ServerErrors);
        Assert.NotNull(summary.Exactness);
        Assert.True(summary.Exactness.Passed, string.Join("\n", summary.Exactness.Problems));
        Assert.Equal(9, summary.Exactness.Boards.Count); // the city and its eight counties
        Assert.True(summary.Exactness.PairingsChecked >= 508 + 108, $"{summary.Exactness.PairingsChecked} pairings checked on both sides");
        Assert.Equal(0, summary.Exactness.PairingsInconsistent);
        Assert.Equal(0, summary.ExitCode);
        Assert.Equal(2000, summary.Staleness.Latency.Count); // the city board showed every report
        Assert.True(summary.Staleness.Pushed > 0, "the host pushed the city board to the watcher");
        Assert.Equal(0, summary.Staleness.WentBack);
        // The city's board and each county's were watched for going back, and each was seen to change.
        Assert.NotNull(summary.Staleness.Watched);
        Assert.Equal(9, summary.Staleness.Watched.Count);
        Assert.All(summary.Staleness.Watched, b => Assert.True(b.Seen > 1, $"board {b.Code} seen {b.Seen} times"));
        Assert.Equal(0, summary.Exactness.RefusedStanding);

        // The history has every attempt: each report's last one acknowledged it, sent before it was answered.
        var attempts = (await File.ReadAllLinesAsync(history)).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        File.Delete(history);
        Assert.True(attempts.Count >= 2000, $"{attempts.Count} attempts kept");
        var acknowledged = attempts.Where(a => a.GetProperty("outcome").GetString() == "acknowledged").ToList();
        Assert.Equal(2000, acknowledged.Count);
        Assert.Equal(2000, acknowledged.Select(a => a.GetProperty("sequence").GetInt64()).Distinct().Count());
        Assert.All(acknowledged, a => Assert.True(a.GetProperty("sentMs").GetDouble() <= a.GetProperty("answeredMs").GetDouble()));
        Assert.All(acknowledged, a => Assert.Equal("201", a.GetProperty("answer").GetString()));
    }

    [Fact]
    public void The_history_check_finds_a_refused_report_standing_one_given_up_on_standing_twice_and_one_never_sent()
    {
        ReportLine Line(Guid id, long sequence, string run = "r1") =>
            new(id, "pairing", "p-1", new DateOnly(2026, 12, 7), "clinic_person_times", 1, "office", LoadRunner.NoteOf(run, sequence));
        Guid acked = Guid.NewGuid(), refused = Guid.NewGuid(), doubtful = Guid.NewGuid(), again = Guid.NewGuid(), stray = Guid.NewGuid();
        var history = new RunHistory("r1", 5, new HashSet<long> { 1 }, new HashSet<long> { 2, 3 });
        Acknowledgement[] acknowledged = [new(0, acked, 10, "p-1", 1, false, 0)];

        var clean = new List<string>();
        Assert.Equal((0L, 1L), ExactnessCheck.CheckHistory(history, acknowledged, [Line(acked, 0), Line(doubtful, 2), Line(Guid.NewGuid(), 1, "another run")], clean));
        Assert.Empty(clean);

        var problems = new List<string>();
        Assert.Equal((1L, 1L), ExactnessCheck.CheckHistory(history, acknowledged,
            [Line(acked, 0), Line(refused, 1), Line(doubtful, 2), Line(again, 2), Line(stray, 7)], problems));
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("#1 was refused for good", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("#2, given up on, stands 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("#7 stands that the run never sent", StringComparison.Ordinal));

        var lost = new List<string>();
        ExactnessCheck.CheckHistory(history, acknowledged, [Line(doubtful, 2)], lost);
        Assert.Contains("report #0 was acknowledged", Assert.Single(lost), StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_that_shows_less_than_one_in_hand_before_it_was_asked_for_went_back_and_one_asked_for_earlier_did_not()
    {
        // (when in hand, value, when asked for): pushes are in hand when they come.
        (long, decimal, long)[] rising = [(10, 100m, 10), (20, 110m, 20), (30, 110m, 30), (40, 130m, 40)];
        Assert.Equal((0L, 0m), BoardWatcher.Backwards(rising));

        // A read asked for at 15 comes back at 35 with 105: the push of 110 at 20 came while it was under way.
        (long, decimal, long)[] overlapping = [(10, 100m, 10), (20, 110m, 20), (35, 105m, 15), (40, 130m, 40)];
        Assert.Equal((0L, 0m), BoardWatcher.Backwards(overlapping));

        // A read asked for at 45, after the push of 130 was in hand, shows 120; a later push 125: both went back, by 10 at most.
        (long, decimal, long)[] back = [(10, 100m, 10), (40, 130m, 40), (50, 120m, 45), (60, 125m, 60), (70, 140m, 70)];
        Assert.Equal((2L, 10m), BoardWatcher.Backwards(back));
    }

    [Theory]
    [InlineData("--rate 10 --concurrency 4", "exclude each other")]
    [InlineData("--count 0", "--count: '0' is not a whole number above 0")]
    [InlineData("--duration soon", "--duration: 'soon' is not a duration")]
    [InlineData("--url ftp://x", "is not an http(s) address")]
    [InlineData("--key-file /nonexistent/key", "does not exist")]
    [InlineData("--bogus", "unknown option '--bogus'")]
    public void Bad_options_are_refused_with_a_sentence(string args, string expected)
    {
        var refusal = Assert.Throws<OptionsException>(() => LoadOptions.Parse(args.Split(' ')));
        Assert.Contains(expected, refusal.Message);
    }
}
