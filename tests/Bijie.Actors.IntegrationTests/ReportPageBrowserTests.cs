using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// 填报 as a helper uses it on a phone: whatever the clicks, the network and the reloads, each report is filed
/// exactly once, a report made offline waits on the device and is sent when the network is back, and a refused
/// correction leaves the original standing.
/// </summary>
public sealed class ReportPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Helper = "minge";
    private const string Indicator = "clinic_person_times";

    /// <summary>Dated in 2023, the demo's latest year, so that the boards other tests open stay on it.</summary>
    private const string Date = "2023-12-21";

    private static int UniqueValue() => Random.Shared.Next(100_000, 900_000);

    private async Task<IPage> OpenAsHelperAsync(bool blockServiceWorkers = false)
    {
        var page = await fixture.NewPageAsync(390, 844, blockServiceWorkers);
        await SignInAsync(page);
        return page;
    }

    /// <summary>Waits until the page's service worker is installed and controls it (the first visit installs it).</summary>
    private static Task ServiceWorkerInControlAsync(IPage page) => page.EvaluateAsync("""
        async () => {
          await navigator.serviceWorker.ready;
          if (!navigator.serviceWorker.controller) await new Promise(r => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        }
        """);

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login.html?ReturnUrl=%2Freport.html");
        await SignInHereAsync(page);
    }

    /// <summary>Signs in as the helper on the sign-in page the browser shows, and waits for the report page it returns to.</summary>
    private async Task SignInHereAsync(IPage page)
    {
        await page.FillAsync("input[name=userName]", Helper);
        await page.FillAsync("input[name=password]", fixture.Accounts[Helper]);
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/report.html");
        await page.WaitForSelectorAsync("body[data-ready=true]");
    }

    private static async Task<(string Kind, string Id)> SubjectAsync(IPage page)
    {
        var parts = (await page.InputValueAsync("#report-form select[name=subject]")).Split(':', 2);
        return (parts[0], parts[1]);
    }

    /// <summary>The standing reports of the subject in 2023 that carry exactly this value of the indicator.</summary>
    private async Task<List<JsonElement>> StandingWithAsync((string Kind, string Id) subject, decimal value, string indicator = Indicator)
    {
        var found = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var listing = await fixture.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports?{subject.Kind}={Uri.EscapeDataString(subject.Id)}&year=2023&size=200&page={page}");
            found.AddRange(listing.GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("values").TryGetProperty(indicator, out var v) && v.GetDecimal() == value));
            if (listing.GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                return found;
            }
        }
    }

    private static async Task FillAsync(IPage page, int value)
    {
        await page.FillAsync("#report-form input[name=date]", Date);
        await page.FillAsync($"input[data-indicator={Indicator}]", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The id in the page's receipt, once a receipt other than <paramref name="previous"/>'s is shown.</summary>
    private static async Task<string> AcceptedIdAsync(IPage page, string? previous = null)
    {
        var receipt = page.Locator(previous is null ? "#report-message [data-report-id]" : $"#report-message [data-report-id]:not([data-report-id=\"{previous}\"])");
        await receipt.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return (await receipt.GetAttributeAsync("data-report-id"))!;
    }

    [Fact]
    public async Task A_double_click_and_Enter_pressed_twice_each_file_one_report()
    {
        var page = await OpenAsHelperAsync();
        var subject = await SubjectAsync(page);

        var clicked = UniqueValue();
        await FillAsync(page, clicked);
        await page.DblClickAsync("#report-form button[type=submit]");
        var first = await AcceptedIdAsync(page);
        // The button says 提交中… while the request is in flight and 提交 again, enabled, once it has been answered.
        await page.WaitForFunctionAsync("() => { const b = document.querySelector('#report-form button[type=submit]'); return !b.disabled && b.textContent.trim() === '提交'; }");
        Assert.Single(await StandingWithAsync(subject, clicked));

        var entered = UniqueValue();
        await FillAsync(page, entered);
        await page.Locator($"input[data-indicator={Indicator}]").PressAsync("Enter");
        await page.Locator($"input[data-indicator={Indicator}]").PressAsync("Enter");
        await AcceptedIdAsync(page, previous: first);
        Assert.Single(await StandingWithAsync(subject, entered));
    }

    [Fact]
    public async Task A_report_whose_answer_was_lost_after_the_commit_is_sent_again_under_its_key_and_filed_once()
    {
        var page = await OpenAsHelperAsync(blockServiceWorkers: true);
        var subject = await SubjectAsync(page);
        var value = UniqueValue();
        var committed = new TaskCompletionSource<int>();
        var keys = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await page.RouteAsync("**/api/v1/reports", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            keys.Enqueue(route.Request.Headers["idempotency-key"]);
            if (committed.Task.IsCompleted)
            {
                await route.ContinueAsync();
                return;
            }

            // The server takes the report; its answer never reaches the page.
            var response = await route.FetchAsync();
            committed.TrySetResult(response.Status);
            await route.AbortAsync("connectionreset");
        });

        await FillAsync(page, value);
        await page.ClickAsync("#report-form button[type=submit]");
        Assert.Equal(201, await committed.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        // No answer, the network still up: the page sends the same report again under the same key, and the server
        // answers with the report it has.
        await AcceptedIdAsync(page);
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.Single(await StandingWithAsync(subject, value));
        Assert.Equal(0, await page.Locator("#outbox li[data-status=pending], #outbox li[data-status=sending]").CountAsync());
    }

    [Fact]
    public async Task A_report_with_a_warning_is_shown_it_before_sending_is_filed_once_when_confirmed_and_leads_the_offices_review_in_English()
    {
        var page = await OpenAsHelperAsync();
        var subject = await SubjectAsync(page);
        var landed = UniqueValue() * 1000m; // far above anything the demo signed: the office's default rule warns

        await page.FillAsync("#report-form input[name=date]", Date);
        await page.FillAsync("input[data-indicator=investment_landed_yuan]", landed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#report-form button[type=submit]");
        await page.WaitForSelectorAsync("#report-message.warning");
        var said = await page.InnerTextAsync("#report-message");
        Assert.Contains("提交前请核实", said);
        Assert.Contains("落地金额", said);
        Assert.Equal("仍然提交", (await page.InnerTextAsync("#report-form button[type=submit]")).Trim());
        Assert.Empty(await StandingWithAsync(subject, landed, "investment_landed_yuan"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "report-phone-check.png"), FullPage = true });

        // Confirmed as it is: filed once, accepted with the warning said again.
        await page.ClickAsync("#report-form button[type=submit]");
        var id = await AcceptedIdAsync(page);
        Assert.Contains("请核实", await page.InnerTextAsync("#report-message"));
        Assert.Single(await StandingWithAsync(subject, landed, "investment_landed_yuan"));

        // The office's review, in English on a wide screen: the flagged report comes with its reason.
        var office = await fixture.NewPageAsync(1920, 1080);
        await office.GotoAsync("/login.html?ReturnUrl=%2Foffice.html");
        await office.FillAsync("input[name=userName]", "office");
        await office.FillAsync("input[name=password]", fixture.Accounts["office"]);
        await office.ClickAsync("#signin button[type=submit]");
        await office.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/office.html");
        await office.WaitForSelectorAsync("body[data-ready=true]");
        await office.ClickAsync("#lang-switch");
        await office.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await office.ClickAsync("#tabs [data-tab=review]");
        await office.FillAsync("#review-filter input[name=year]", "2023");
        await office.CheckAsync("#review-filter input[name=flagged]");
        await office.ClickAsync("#review-filter button[type=submit]");
        var row = office.Locator($"#review-table tr[data-report='{id}'][data-flagged=true]");
        await row.WaitForAsync();
        Assert.Contains("Money landed not above money signed", await row.Locator("ul.flags").InnerTextAsync());
        Assert.Equal(await office.Locator("#review-table tbody tr").CountAsync(), await office.Locator("#review-table tbody tr[data-flagged=true]").CountAsync());
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "review-flagged-1920-en.png") });
        await office.ClickAsync("#lang-switch");
        await office.WaitForFunctionAsync("() => document.documentElement.lang === 'zh-CN'");
    }

    [Fact]
    public async Task A_report_made_offline_survives_a_reload_offline_and_is_filed_once_when_the_network_is_back()
    {
        var page = await OpenAsHelperAsync();
        // The worker installs on the first visit; once it controls the page, a reload puts the reporter's data on the device.
        await ServiceWorkerInControlAsync(page);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        var subject = await SubjectAsync(page);
        var value = UniqueValue();

        await page.Context.SetOfflineAsync(true);
        await page.WaitForSelectorAsync("#offline-banner:not([hidden])");
        await FillAsync(page, value);
        await page.ClickAsync("#report-form button[type=submit]");
        await page.WaitForSelectorAsync("#report-message.warning");
        await page.Locator("#outbox li[data-status=pending]").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "report-phone-offline.png"), FullPage = true });

        // Reloaded without a network, the page opens from the device, with the report still waiting.
        var reloaded = await page.ReloadAsync();
        Assert.True(reloaded?.FromServiceWorker, "offline, the page must come from the service worker");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.Locator("#outbox li[data-status=pending]").First.WaitForAsync();
        Assert.Empty(await StandingWithAsync(subject, value));

        await page.Context.SetOfflineAsync(false);
        await page.Locator("#outbox li[data-status=done]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Single(await StandingWithAsync(subject, value));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "report-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_report_made_offline_survives_a_browser_restart_and_is_filed_once_after_signing_in_again()
    {
        var profile = Directory.CreateTempSubdirectory("bijie-phone-").FullName;
        try
        {
            var value = UniqueValue();
            (string Kind, string Id) subject;
            await using (var before = await fixture.LaunchPersistentAsync(profile))
            {
                var page = before.Pages.Count > 0 ? before.Pages[0] : await before.NewPageAsync();
                await SignInAsync(page);
                await ServiceWorkerInControlAsync(page);
                await page.ReloadAsync();
                await page.WaitForSelectorAsync("body[data-ready=true]");
                subject = await SubjectAsync(page);
                await before.SetOfflineAsync(true);
                await FillAsync(page, value);
                await page.ClickAsync("#report-form button[type=submit]");
                await page.Locator("#outbox li[data-status=pending]").First.WaitForAsync();
            }

            // The browser closed and opened again still without a network: the page opens from the device, with the report
            // waiting in its outbox, and nothing was filed.
            await using (var offline = await fixture.LaunchPersistentAsync(profile, withoutNetwork: true))
            {
                var page = offline.Pages.Count > 0 ? offline.Pages[0] : await offline.NewPageAsync();
                await page.GotoAsync("/report.html");
                await page.Locator("#outbox li[data-status=pending]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
                Assert.Contains(value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#outbox"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "report-phone-offline-restart.png"), FullPage = true });
                Assert.Empty(await StandingWithAsync(subject, value));
            }

            // Opened again with the network back (its session cookie gone, as a browser drops a session cookie at a restart):
            // the page asks to sign in, and then sends the report, once.
            await using var after = await fixture.LaunchPersistentAsync(profile);
            var again = after.Pages.Count > 0 ? after.Pages[0] : await after.NewPageAsync();
            await again.GotoAsync("/report.html");
            await again.Locator("#gate a[href*='login.html']").WaitForAsync();
            Assert.Empty(await StandingWithAsync(subject, value));
            await again.ClickAsync("#gate a[href*='login.html']");
            await SignInHereAsync(again);
            await again.Locator("#outbox li[data-status=done]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.Single(await StandingWithAsync(subject, value));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [Fact]
    public async Task A_refused_correction_leaves_the_original_standing_and_an_accepted_one_replaces_it()
    {
        var page = await OpenAsHelperAsync();
        var subject = await SubjectAsync(page);
        var original = UniqueValue();
        await FillAsync(page, original);
        await page.ClickAsync("#report-form button[type=submit]");
        var id = await AcceptedIdAsync(page);

        var row = page.Locator($"#mine tr[data-report='{id}']");
        await row.Locator("button[data-act=correct]").ClickAsync();
        await page.WaitForSelectorAsync("#correcting:not([hidden])");
        await page.FillAsync($"input[data-indicator={Indicator}]", "-3");
        await page.ClickAsync("#report-form button[type=submit]");
        await page.WaitForSelectorAsync("#report-message.error");
        var refusal = await page.InnerTextAsync("#report-message");
        Assert.Contains("不能为负数", refusal);
        Assert.Contains("义诊", refusal); // the indicator by its name, not its code
        Assert.DoesNotContain(Indicator, refusal);
        Assert.Equal(1, await page.Locator($"[data-field='values.{Indicator}'].invalid").CountAsync());
        Assert.Single(await StandingWithAsync(subject, original));

        var corrected = UniqueValue();
        await page.FillAsync($"input[data-indicator={Indicator}]", corrected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#report-form button[type=submit]");
        var newId = await AcceptedIdAsync(page, previous: id);
        Assert.NotEqual(id, newId);
        Assert.Empty(await StandingWithAsync(subject, original));
        Assert.Single(await StandingWithAsync(subject, corrected));
        await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task The_note_is_shown_with_the_report_and_the_list_is_newest_first()
    {
        var page = await OpenAsHelperAsync();
        await FillAsync(page, UniqueValue());
        var note = $"义诊 {Guid.NewGuid():N}"[..12];
        await page.FillAsync("#report-form textarea[name=note]", note);
        await page.ClickAsync("#report-form button[type=submit]");
        var id = await AcceptedIdAsync(page);
        Assert.Equal("", await page.InputValueAsync("#report-form textarea[name=note]"));
        var first = page.Locator("#mine tbody tr").First;
        await page.Locator($"#mine tr[data-report='{id}']").WaitForAsync();
        Assert.Equal(id, await first.GetAttributeAsync("data-report"));
        Assert.Contains(note, await first.Locator("td.note").InnerTextAsync());
    }

    [Fact]
    public async Task A_double_click_on_the_offices_project_form_proposes_one_project()
    {
        var page = await fixture.NewPageAsync(1280, 900);
        await page.GotoAsync("/login.html?ReturnUrl=%2Foffice.html");
        await page.FillAsync("input[name=userName]", "office");
        await page.FillAsync("input[name=password]", fixture.Accounts["office"]);
        await page.ClickAsync("#signin button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/office.html");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.ClickAsync("#tabs [data-tab=projects]");
        var title = $"双击测试项目 {Guid.NewGuid():N}"[..16];
        await page.FillAsync("#project-form input[name=title]", title);
        await page.SelectOptionAsync("#project-locality select[data-level=county]", "520502");
        await page.ClickAsync("#project-pick");
        await page.Locator("dialog.picker input[value='staff-005']").CheckAsync();
        await page.ClickAsync("dialog.picker #picker-ok");
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/v1/projects", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posts);
            }
        };
        await page.DblClickAsync("#project-form button[type=submit]");
        var created = page.Locator("#project-message [data-created-project]");
        await created.WaitForAsync();
        Assert.Equal("201", await created.GetAttributeAsync("data-status"));
        Assert.Equal(title, await created.InnerTextAsync());
        Assert.Equal(1, posts);
        var id = await created.GetAttributeAsync("data-created-project");
        var project = await fixture.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}");
        Assert.Equal(title, project.GetProperty("title").GetString());
    }
}
