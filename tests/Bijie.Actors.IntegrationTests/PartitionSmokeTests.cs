using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The CI's partition smoke: deploy/chaos.sh with its split_brain fault alone. Three hosts, each in a network
/// namespace of its own, under the load generator; host 2 is cut off from the other silos for 30 s while it still
/// reaches PostgreSQL, Azurite and its clients, then healed. The others declare it dead; it learns so from the
/// membership table and stops, and comes back as a new silo. Every acknowledged report stands once, nothing refused
/// or given up on stands twice, every board equals the ledger, and the city board never went back.
/// </summary>
public sealed class PartitionSmokeTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_silo_cut_off_from_the_others_stops_and_comes_back_as_a_new_silo_with_every_report_standing_once()
    {
        var results = Path.Combine(Path.GetTempPath(), $"bijie-partition-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "chaos.sh"));
        foreach (var argument in new[] { "--faults", "split_brain", "--rate", "60", "--phase", "30s", "--cut", "30", "--out", results })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(deadline.Token);
        log.WriteLine(await stdout);
        log.WriteLine(await stderr);
        Assert.True(process.ExitCode == 0, $"deploy/chaos.sh failed with {process.ExitCode}");

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "split_brain.json")));
        var run = summary.RootElement;
        Assert.True(run.GetProperty("sent").GetInt64() > 0);
        Assert.Equal(run.GetProperty("sent").GetInt64(), run.GetProperty("acknowledged").GetInt64());
        Assert.Equal(0, run.GetProperty("inDoubt").GetInt64());
        var exactness = run.GetProperty("exactness");
        Assert.True(exactness.GetProperty("passed").GetBoolean(), exactness.GetProperty("problems").ToString());
        Assert.Equal(0, exactness.GetProperty("missing").GetInt64());
        Assert.Equal(0, exactness.GetProperty("duplicated").GetInt64());
        Assert.Equal(0, run.GetProperty("staleness").GetProperty("wentBack").GetInt64());

        // The cut-off silo did not serve on as itself: the membership table has its old generation dead and a new one
        // active, and the script saw the old process stop.
        Assert.StartsWith("stopped itself", (await File.ReadAllTextAsync(Path.Combine(results, "split_brain.host"))).Trim());
        var host2 = (await File.ReadAllLinesAsync(Path.Combine(results, "split_brain.members")))
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 4 && fields[0] == "silo-2")
            .ToList();
        Assert.Contains(host2, fields => fields[3] == "dead");
        var active = Assert.Single(host2, fields => fields[3] == "active");
        Assert.DoesNotContain(host2, fields => fields[3] == "dead" && fields[2] == active[2]);
        Directory.Delete(results, recursive: true);
    }
}
