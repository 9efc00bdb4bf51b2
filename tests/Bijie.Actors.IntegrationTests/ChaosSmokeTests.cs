using Bijie.Actors.LoadGen;
using Xunit.Abstractions;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The CI's chaos smoke: two hosts in one cluster under the load generator, one SIGKILLed in the middle. The
/// generator retries what was in flight under the same idempotency keys on the survivor; afterwards every
/// acknowledged report is in the ledger once and every board equals the ledger (deploy/chaos.sh does more).
/// </summary>
public sealed class ChaosSmokeTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Reports_under_load_survive_a_killed_host_acknowledged_once_and_boards_equal_to_the_ledger()
    {
        var clusterId = $"chaos{Guid.NewGuid():N}";
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{clusterId}");
        var ledger = await TestEnvironment.NewDatabaseAsync("chaos");
        Dictionary<string, string> Node(bool demo) => TestEnvironment.ClusterNode(clusterId, new Dictionary<string, string>
        {
            ["Bijie:AdminKeyFile"] = keyFile,
            ["Bijie:Demo"] = demo ? "OnEmptyStore" : "Off",
            ["ConnectionStrings:Ledger"] = ledger,
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1", // two silos: the survivor alone declares the other dead
            ["Bijie:Rollups:RecoveryAge"] = "00:00:03", // the dead host's undelivered batches are taken over soon
        });
        await using var a = HostProcess.Start(Node(demo: true));
        await a.WaitReadyAsync(TimeSpan.FromSeconds(180)); // the demo loads first
        await using var b = HostProcess.Start(Node(demo: false));
        await b.WaitReadyAsync(TimeSpan.FromSeconds(120));

        // An open loop over both hosts: 60 reports a second for 20 s; the second host dies after 6 s.
        var options = LoadOptions.Parse(["--url", a.Http.BaseAddress!.ToString(), "--url", b.Http.BaseAddress!.ToString(), "--key-file", keyFile,
            "--rate", "60", "--duration", "20s", "--reporters", "200", "--retry-deadline", "90s", "--no-progress"]);
        using var output = new StringWriter();
        using var notes = new StringWriter();
        var run = LoadGenerator.RunAsync(options, output, notes);
        await Task.Delay(TimeSpan.FromSeconds(6)); // a fault injected at a time, not a wait for a condition
        await b.KillAsync();
        var summary = await run;
        File.Delete(keyFile);

        log.WriteLine(output.ToString());
        log.WriteLine(notes.ToString());
        Assert.Equal(summary.Sent, summary.Acknowledged); // every report acknowledged, some on a retry
        Assert.Equal(0, summary.InDoubt);
        Assert.NotNull(summary.Exactness);
        Assert.True(summary.Exactness.Passed, string.Join("\n", summary.Exactness.Problems));
        Assert.Equal(0, summary.ExitCode);
    }
}
