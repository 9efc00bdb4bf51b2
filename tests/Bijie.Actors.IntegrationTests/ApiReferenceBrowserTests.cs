using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The API reference page (/api/reference) in a real browser: served by this site alone, with no vendor's buttons.</summary>
public sealed class ApiReferenceBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_api_reference_loads_everything_from_this_site_and_shows_no_vendor_buttons()
    {
        var page = await fixture.NewPageAsync();
        var site = new Uri(fixture.BaseUrl);
        var requests = new ConcurrentQueue<string>();
        page.Context.Request += (_, request) => requests.Enqueue(request.Url);
        var policyViolations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Enqueue(message.Text);
            }
        };

        // Straight to an operation, as a link from elsewhere would: the document is read, rendered, and the operation shown with
        // its parameters, examples and errors; nothing of it may come from elsewhere.
        await page.GotoAsync("/api/reference#tag/reports/POST/api/v1/reports");
        try
        {
            await page.GetByText("毕节组团式帮扶平台 API").First.WaitForAsync();
            await page.GetByText("Required: the write is refused without it").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        finally
        {
            Directory.CreateDirectory(BrowserFixture.Artifacts);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "api-reference.png") });
        }

        Assert.Contains("report.period_closed", await page.ContentAsync());

        var elsewhere = requests.Where(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is not ("data" or "blob")
            && !(uri.Scheme == site.Scheme && uri.Authority == site.Authority)).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, "requests to other hosts: " + string.Join(", ", elsewhere));
        Assert.Contains(requests, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.True(policyViolations.IsEmpty, "refused by the Content-Security-Policy: " + string.Join("\n", policyViolations));

        var text = await page.InnerTextAsync("body");
        // The vendor's labels as its buttons show them (the document's own "deployment" is not one).
        foreach (var vendor in new[] { "Ask AI", "Generate SDK", "Generate MCP", "Deploy", "Share", "Developer Tools", "Powered by Scalar" })
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(vendor)}\b"), $"the page shows \"{vendor}\"");
        }

        var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.filter(a => a.offsetParent !== null).map(a => a.href)");
        var outside = links.Where(href => Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal)
            && uri.Authority != site.Authority).ToList();
        Assert.True(outside.Count == 0, "visible links to other sites: " + string.Join(", ", outside));
    }
}
