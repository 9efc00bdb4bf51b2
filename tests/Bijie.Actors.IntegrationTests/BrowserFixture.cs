using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// A single-node host with the demo programme and its sign-in accounts, and Debian's headless Chromium driven by
/// Playwright through its executable path (no browser is ever downloaded). Shared by the browser tests of a class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the suite keeps screenshots (a test artefact; deploy/test.sh names the folder).</summary>
    public static string Artifacts => Environment.GetEnvironmentVariable("BIJIE_TEST_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(TestEnvironment.RepositoryRoot, ".local", "test", "artifacts");

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"bijie-browser-{Guid.NewGuid():N}");
    private IPlaywright? playwright;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The demo's accounts: user name → password.</summary>
    public IReadOnlyDictionary<string, string> Accounts { get; private set; } = new Dictionary<string, string>();

    public string BaseUrl => Host.Http.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>What the pages' Content-Security-Policy refused, as the browser reported it (page, message); should stay empty.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PolicyViolations { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var serviceId = $"web{Guid.NewGuid():N}";
        Host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "SingleNode",
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["Bijie:Demo"] = "OnEmptyStore",
            // The report page's tests tell their reports apart by values far above anything the demo reported: outliers
            // all, which the form would ask to confirm. The warnings' path on the page is tried with the office's rules.
            ["Bijie:Validation:Outliers"] = "false",
            ["Bijie:AdminKeyFile"] = Path.Combine(folder, "admin-key"),
            ["Bijie:DemoAccountsFile"] = Path.Combine(folder, "demo-accounts"),
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
            ["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync("web"),
        });
        var launching = LaunchAsync();
        await Host.WaitReadyAsync(TimeSpan.FromSeconds(180));
        Admin = new HttpClient { BaseAddress = Host.Http.BaseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(folder, "admin-key"))).Trim());
        Accounts = (await File.ReadAllLinesAsync(Path.Combine(folder, "demo-accounts")))
            .Where(l => !l.StartsWith('#') && l.Contains('\t'))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p[1]);
        Browser = await launching;
    }

    public static string ChromiumPath => Environment.GetEnvironmentVariable("BIJIE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private async Task<IBrowser> LaunchAsync()
    {
        playwright = await Playwright.CreateAsync();
        return await LaunchChromiumAsync(playwright);
    }

    /// <summary>This machine's network is closed: without these, Chromium keeps dialling out and failing.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>Debian's chromium, headless, through its executable path.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

    /// <summary>
    /// A browser of its own over a profile directory that outlives it, as a phone's browser keeps its storage when it is
    /// closed and opened again (a restart). <paramref name="withoutNetwork"/> opens it with no way to the server: every
    /// request, the service worker's own included, goes to a proxy that is not there (loopback addresses too), as on a
    /// phone without a network. (Playwright's offline mode does not reach a relaunched browser's service worker.)
    /// </summary>
    public Task<IBrowserContext> LaunchPersistentAsync(string profile, int width = 390, int height = 844, bool withoutNetwork = false) =>
        playwright!.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = withoutNetwork ? [.. ChromiumArgs, "--proxy-bypass-list=<-loopback>"] : ChromiumArgs,
            Proxy = withoutNetwork ? new Proxy { Server = $"http://127.0.0.1:{ClosedPort()}" } : null,
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });

    /// <summary>A port nothing listens on: taken from the system and given back at once.</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// A fresh browser context (own cookies and language choice) and a page at the given size. Service workers run
    /// unless <paramref name="blockServiceWorkers"/> (a page routed by a test must not be answered by its worker).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080, bool blockServiceWorkers = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ServiceWorkers = blockServiceWorkers ? ServiceWorkerPolicy.Block : ServiceWorkerPolicy.Allow,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                PolicyViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        Admin?.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
