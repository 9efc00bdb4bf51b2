using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Bijie.Actors.IntegrationTests;

/// <summary>A board behind the cluster's proxy (nginx) keeps up when the host serving its connection dies.</summary>
public sealed class ClusterBoardBrowserTests
{
    private static Dictionary<string, string> ClusterNode(string clusterId, string ledger, string keyFile) =>
        TestEnvironment.ClusterNode(clusterId, new Dictionary<string, string>
        {
            ["Bijie:AdminKeyFile"] = keyFile,
            ["ConnectionStrings:Ledger"] = ledger,
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1", // two silos: the survivor alone declares the other dead
        });

    [Fact]
    public async Task A_board_whose_host_is_killed_reconnects_through_the_proxy_and_catches_up_without_a_reload()
    {
        var clusterId = $"b{Guid.NewGuid():N}";
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{clusterId}");
        var ledger = await TestEnvironment.NewDatabaseAsync("board");
        await using var a = HostProcess.Start(ClusterNode(clusterId, ledger, keyFile));
        await a.WaitReadyAsync(TimeSpan.FromSeconds(120)); // the first creates the admin key
        await using var b = HostProcess.Start(ClusterNode(clusterId, ledger, keyFile));
        await b.WaitReadyAsync(TimeSpan.FromSeconds(120));
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        File.Delete(keyFile);

        var proxyDir = Path.Combine(Path.GetTempPath(), $"bijie-proxy-{clusterId}");
        var proxyPort = TestEnvironment.FreePort();
        await ProxyAsync("start", proxyDir, proxyPort.ToString(), $"127.0.0.1:{a.HttpPort}", $"127.0.0.1:{b.HttpPort}");
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}"), Timeout = TimeSpan.FromSeconds(30) };
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            var today = TestEnvironment.Today;
            var helperId = $"h{clusterId[..10]}";
            (await api.PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = "集群测试单位", kind = "PartyProvincialCommittee", strengths = new[] { "Health" } })).EnsureSuccessStatusCode();
            var started = await api.PostAsJsonAsync("/api/v1/pairings", new
            {
                kind = "Township", helperId, localityCode = "520527004", start = today.ToString("yyyy-MM-dd"), responsibleStaffId = "staff-001",
            });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            var pairingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserFixture.LaunchChromiumAsync(playwright);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = $"http://127.0.0.1:{proxyPort}", ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            RecordPageLog(page);
            await page.GotoAsync($"/locality.html?code=520527004");
            await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
            await page.WaitForSelectorAsync("#live-state[data-state=connected]", new PageWaitForSelectorOptions { Timeout = 30_000 });
            await page.EvaluateAsync("() => { window.sameDocument = true; }");
            var clinics = "#figures [data-indicator=clinic_person_times]";
            var before = decimal.Parse((await page.GetAttributeAsync(clinics, "data-value"))!);

            await ReportAsync(api, pairingId, today, 10);
            await WaitForValueAsync(page, clinics, before + 10, TimeSpan.FromSeconds(5));

            // Kill the host that serves the board's connection; report through the proxy while the board is away.
            var server = int.Parse((await page.GetAttributeAsync("#live-state", "data-server"))!);
            var (victim, survivor) = server == a.ProcessId ? (a, b) : (b, a);
            Assert.Equal(server, victim.ProcessId);
            await victim.KillAsync();
            await ReportAsync(api, pairingId, today, 20);

            await page.WaitForFunctionAsync($"() => document.querySelector('#live-state').dataset.state === 'connected' && document.querySelector('#live-state').dataset.server === '{survivor.ProcessId}'",
                null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 100 });
            // The roll-up of the report made during the outage may wait for the cluster to declare the dead host dead
            // (its scope grain lived there); a CI run once took longer than 30 s.
            await WaitForValueAsync(page, clinics, before + 30, TimeSpan.FromSeconds(60));

            // And live again on the new connection, without a reload: under a full suite's load the roll-ups that moved
            // off the dead host may still be settling, so the bound is that of the catch-up, not of a quiet cluster.
            await ReportAsync(api, pairingId, today, 40);
            await WaitForValueAsync(page, clinics, before + 70, TimeSpan.FromSeconds(30));
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        }
        finally
        {
            await ProxyAsync("stop", proxyDir);
            Directory.Delete(proxyDir, recursive: true);
        }
    }

    /// <summary>Reports until acknowledged, retrying with the same key while the cluster notices the dead host.</summary>
    private static async Task ReportAsync(HttpClient api, string pairingId, DateOnly date, decimal clinics)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
                {
                    Content = JsonContent.Create(new { pairingId, date = date.ToString("yyyy-MM-dd"), values = new Dictionary<string, decimal> { ["clinic_person_times"] = clinics } }),
                };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await api.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                Assert.True((int)response.StatusCode >= 500, $"the report was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "the cluster did not take the report within 90 s");
            await Task.Delay(250);
        }
    }

    private static async Task WaitForValueAsync(IPage page, string selector, decimal expected, TimeSpan within)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "([selector, expected]) => Number(document.querySelector(selector)?.dataset.value) === expected",
                new object[] { selector, (double)expected }, new PageWaitForFunctionOptions { Timeout = (float)within.TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var shown = await page.EvaluateAsync<string>(
                "selector => `value ${document.querySelector(selector)?.dataset.value}, live ${document.querySelector('#live-state')?.dataset.state} on ${document.querySelector('#live-state')?.dataset.server}`",
                selector);
            Assert.Fail($"the board did not show {expected} within {within.TotalSeconds} s: {shown}; the page said: {string.Join(" | ", PageLog(page))}");
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> PageLogs = new();

    private static System.Collections.Concurrent.ConcurrentQueue<string> PageLog(IPage page) => PageLogs.GetValue(page, _ => new());

    private static void RecordPageLog(IPage page)
    {
        var lines = PageLog(page);
        page.Console += (_, message) => lines.Enqueue($"{message.Type}: {message.Text}");
        page.RequestFailed += (_, request) => lines.Enqueue($"failed {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lines.Enqueue($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    private static async Task ProxyAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "proxy.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"deploy/proxy.sh {string.Join(' ', arguments)} failed: {error}");
    }
}
