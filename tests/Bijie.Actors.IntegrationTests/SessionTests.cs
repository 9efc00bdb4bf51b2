using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>Sign-in in the browser: hashed passwords, throttling without lockout, sessions that end, antiforgery on cookie writes, admin-only dashboard.</summary>
public sealed class SessionTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = fixture.Host.Http.BaseAddress,
    };

    private async Task<string> CreateAccountAsync(string role, string password = "correct-horse-battery")
    {
        var name = $"u{Guid.NewGuid():N}"[..16];
        using var response = await fixture.Client(fixture.AdminKey).PostAsJsonAsync("/api/v1/accounts", new { userName = name, displayName = "测试用户", role, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SignInAsync(HttpClient browser, string name, string password)
    {
        using var response = await browser.PostAsJsonAsync("/api/v1/session", new { userName = name, password });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_signed_in_office_user_writes_only_with_the_antiforgery_token()
    {
        var name = await CreateAccountAsync("Office");
        using var browser = Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(browser, name, "wrong-password-here")).Status);

        var (status, session) = await SignInAsync(browser, name, "correct-horse-battery");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Office", session.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/staff")).StatusCode);

        var pairing = new { kind = "Township", helperId = "no-such-unit", localityCode = "520523001", start = "2023-01-01", responsibleStaffId = "staff-001" };
        using var withoutToken = await browser.PostAsJsonAsync("/api/v1/pairings", pairing);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await withoutToken.Content.ReadAsStringAsync());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pairings") { Content = JsonContent.Create(pairing) };
        request.Headers.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
        using var withToken = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, withToken.StatusCode); // passed the check; the model refuses the unknown unit
        Assert.Contains("helper.unknown", await withToken.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/staff")).StatusCode);
    }

    private const string SignInFailed = "The user name or the password is wrong, or sign-in from this address has to wait after failed attempts.";

    /// <summary>Signs in, and answers the session cookie alone (to replay it later from another client).</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignedInAsync(string name, string password = "correct-horse-battery")
    {
        var jar = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, name, password)).Status);
        var cookie = jar.GetCookies(fixture.Host.Http.BaseAddress!)["bijie.session"]!;
        return (browser, $"{cookie.Name}={cookie.Value}");
    }

    /// <summary>GET /api/v1/session with nothing but this cookie: what the old cookie still opens.</summary>
    private async Task<HttpStatusCode> WithCookieAsync(string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/session");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient browser, string path, object body)
    {
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/v1/session");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
        return await browser.SendAsync(request);
    }

    [Fact]
    public async Task Failed_sign_ins_make_the_next_attempt_wait_and_the_right_password_works_after_the_wait()
    {
        var name = await CreateAccountAsync("Viewer");
        using var browser = Browser();
        for (var i = 0; i < 3; i++)
        {
            var (failed, problem) = await SignInAsync(browser, name, $"wrong-{i}-password");
            Assert.Equal(HttpStatusCode.Unauthorized, failed);
            Assert.Equal(SignInFailed, problem.GetProperty("detail").GetString());
        }

        // The fourth attempt comes too soon: even the right password waits, with the one message and a Retry-After.
        using (var tooSoon = await browser.PostAsJsonAsync("/api/v1/session", new { userName = name, password = "correct-horse-battery" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
            Assert.Equal(SignInFailed, (await tooSoon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
            Assert.InRange(tooSoon.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        }

        // No lockout: once the wait is over the right password signs in (attempts made while waiting do not count).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        while ((status = (await SignInAsync(browser, name, "correct-horse-battery")).Status) == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        // ... and the name starts afresh from this address: one more failure is an ordinary one.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(Browser(), name, "wrong-again-password")).Status);
    }

    [Fact]
    public async Task An_unknown_name_is_answered_and_made_to_wait_exactly_like_a_known_one()
    {
        var known = await CreateAccountAsync("Viewer");
        var unknown = $"nobody{Guid.NewGuid():N}"[..16];
        using var browser = Browser();
        foreach (var name in new[] { known, unknown })
        {
            var answers = new List<(HttpStatusCode, string?)>();
            for (var i = 0; i < 4; i++)
            {
                var (status, problem) = await SignInAsync(browser, name, $"wrong-{i}-password");
                answers.Add((status, problem.GetProperty("detail").GetString()));
            }

            Assert.Equal(
                [(HttpStatusCode.Unauthorized, SignInFailed), (HttpStatusCode.Unauthorized, SignInFailed), (HttpStatusCode.Unauthorized, SignInFailed), (HttpStatusCode.TooManyRequests, SignInFailed)],
                answers);
        }
    }

    [Fact]
    public async Task After_sign_out_the_old_cookie_no_longer_works_and_other_sessions_go_on_until_signed_out_everywhere()
    {
        var name = await CreateAccountAsync("Viewer");
        var (first, firstCookie) = await SignedInAsync(name);
        var (second, secondCookie) = await SignedInAsync(name);
        var (third, thirdCookie) = await SignedInAsync(name);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(firstCookie));

        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync("/api/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(firstCookie)); // replayed after sign-out: refused
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(secondCookie));

        Assert.Equal(HttpStatusCode.NoContent, (await second.DeleteAsync("/api/v1/session?everywhere=true")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(secondCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(thirdCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/v1/session")).StatusCode);
        first.Dispose();
        second.Dispose();
        third.Dispose();
    }

    [Fact]
    public async Task Disabling_an_account_or_resetting_its_password_ends_every_session_at_once()
    {
        var name = await CreateAccountAsync("Office");
        var (_, cookie) = await SignedInAsync(name);
        using var admin = fixture.Client(fixture.AdminKey);

        using (var disabled = await admin.PostAsync($"/api/v1/accounts/{name}/disable", null))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(cookie));
        var (refused, problem) = await SignInAsync(Browser(), name, "correct-horse-battery");
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal(SignInFailed, problem.GetProperty("detail").GetString()); // a disabled account reads like any failure

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/accounts/{name}/enable", null)).StatusCode);
        var (_, again) = await SignedInAsync(name);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(again));

        using var reset = await admin.PostAsJsonAsync($"/api/v1/accounts/{name}/password", new { });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var oneTime = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(again));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(Browser(), name, "correct-horse-battery")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(Browser(), name, oneTime)).Status);

        using var set = await admin.PostAsJsonAsync($"/api/v1/accounts/{name}/password", new { password = "chosen-by-the-admin" });
        Assert.Equal(JsonValueKind.Null, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(Browser(), name, "chosen-by-the-admin")).Status);

        using var office = await fixture.KeyAsync("Office");
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsync($"/api/v1/accounts/{name}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/accounts/no-such-user/disable", null)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_the_callers()
    {
        var name = await CreateAccountAsync("Viewer");
        var (caller, _) = await SignedInAsync(name);
        var (_, otherCookie) = await SignedInAsync(name);

        using (var wrong = await PostWithTokenAsync(caller, "/api/v1/session/password", new { currentPassword = "not-the-password", newPassword = "a-brand-new-password" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(otherCookie));
        using (var changed = await PostWithTokenAsync(caller, "/api/v1/session/password", new { currentPassword = "correct-horse-battery", newPassword = "a-brand-new-password" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(otherCookie));
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(Browser(), name, "a-brand-new-password")).Status);

        // Without the antiforgery token the change is refused: another site cannot make it.
        using var forged = await caller.PostAsJsonAsync("/api/v1/session/password", new { currentPassword = "a-brand-new-password", newPassword = "forged-password-here" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        caller.Dispose();
    }

    [Theory]
    [InlineData("/office.html?tab=review", "/office.html?tab=review")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public async Task Sign_in_sends_back_only_to_a_path_of_this_site(string asked, string next)
    {
        var name = await CreateAccountAsync("Viewer");
        using var browser = Browser();
        using var response = await browser.PostAsJsonAsync("/api/v1/session", new { userName = name, password = "correct-horse-battery", returnUrl = asked });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(next, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString());
    }

    [Theory]
    [InlineData("Office", "/office.html")]
    [InlineData("Viewer", "/")]
    public async Task Sign_in_without_a_return_address_goes_to_the_page_the_role_works_in(string role, string next)
    {
        var name = await CreateAccountAsync(role);
        using var browser = Browser();
        using var response = await browser.PostAsJsonAsync("/api/v1/session", new { userName = name, password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(next, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString());
    }

    [Fact]
    public async Task Pages_carry_a_policy_without_inline_script_and_the_other_security_headers()
    {
        using var anonymous = Browser();
        using var login = await anonymous.GetAsync("/login.html");
        var policy = string.Join(";", login.Headers.GetValues("Content-Security-Policy"));
        var script = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src "));
        Assert.Equal("script-src 'self'", script);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", login.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(login.Headers.Contains("Strict-Transport-Security")); // plain http: HSTS is only sent over https

        using var problem = await anonymous.GetAsync("/api/v1/staff"); // an error answer carries them too
        Assert.Equal("nosniff", problem.Headers.GetValues("X-Content-Type-Options").Single());

        var name = await CreateAccountAsync("Viewer");
        using var signIn = await anonymous.PostAsJsonAsync("/api/v1/session", new { userName = name, password = "correct-horse-battery" });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bijie.session="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_is_for_admins_and_pages_send_others_to_sign_in()
    {
        using var anonymous = Browser();
        using var toLogin = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/login.html", toLogin.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login.html")).StatusCode);

        using var admin = Browser();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(admin, await CreateAccountAsync("Admin"), "correct-horse-battery")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard/")).StatusCode);

        using var office = Browser();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(office, await CreateAccountAsync("Office"), "correct-horse-battery")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await office.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_or_a_taken_name_is_refused()
    {
        using var weak = await fixture.Client(fixture.AdminKey).PostAsJsonAsync("/api/v1/accounts", new { userName = "weakling", displayName = "x", role = "Viewer", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var name = await CreateAccountAsync("Viewer");
        using var taken = await fixture.Client(fixture.AdminKey).PostAsJsonAsync("/api/v1/accounts", new { userName = name, displayName = "x", role = "Viewer", password = "another-long-password" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }
}
