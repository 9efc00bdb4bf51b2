using Bijie.Actors.Fuzz;
using Xunit.Abstractions;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// A short fuzz of the whole API (tools/Bijie.Actors.Fuzz) against a host of its own: no 5xx, every 4xx problem
/// details, nothing refused-that-should-be accepted, no state change, no write to another tenant's things.
/// CI runs this; a longer run is a command (README, Fuzzing).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_fuzz_finds_no_5xx_no_accepted_bad_request_and_no_state_change()
    {
        var (host, adminKey) = await UnlimitedHost.StartAsync("fuzz");
        await using var _ = host;

        var log = new StringWriter();
        // CI's short run; BIJIE_FUZZ_COUNT and BIJIE_FUZZ_SEED make a longer or another one through ./deploy/test.sh.
        var count = int.TryParse(Environment.GetEnvironmentVariable("BIJIE_FUZZ_COUNT"), out var c) ? c : 2_500;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BIJIE_FUZZ_SEED"), out var s) ? s : 20_260_101;
        var result = await FuzzRunner.RunAsync(new FuzzOptions(host.Http.BaseAddress!, adminKey, seed, count, Parallelism: 4) { Log = log });
        FuzzRunner.Print(result, log);
        output.WriteLine(log.ToString());
        Directory.CreateDirectory(BrowserFixture.Artifacts);
        // Lone surrogates in the log become U+FFFD in the file.
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.Artifacts, "fuzz.txt"), log + "\n--- host output ---\n" + host.Output, new System.Text.UTF8Encoding(false));

        Assert.True(result.Requests >= count, $"only {result.Requests} requests were sent");
        Assert.True(result.Passed, $"the fuzz found {result.Findings.Count} findings and {result.StateChanges.Count} state changes:\n{log}");
    }
}
