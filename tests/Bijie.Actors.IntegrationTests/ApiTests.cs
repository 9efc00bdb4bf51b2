using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The HTTP API against the real host: keys and roles, pairings, reports with idempotency, listings, errors.</summary>
public sealed class ApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private HttpClient Admin => fixture.Client(fixture.AdminKey);

    private async Task<string> IssueAsync(string role, string? organizationId = null)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/api-keys", new { owner = $"test {role}", role, organizationId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>An enterprise registered by the office, paired with a village, and a key bound to it.</summary>
    private async Task<(HttpClient Office, string Enterprise, string PairingId, HttpClient EnterpriseClient)> PairedEnterpriseAsync(string village)
    {
        var office = fixture.Client(await IssueAsync("Office"));
        var code = TestEnvironment.NewCreditCode();
        (await office.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = $"测试企业{code[^4..]}", industry = "农业", province = "贵州" })).EnsureSuccessStatusCode();
        using var start = await office.PostAsJsonAsync("/api/v1/pairings", new
        {
            kind = "EnterpriseVillage", enterpriseCode = code, localityCode = village, start = "2023-08-01", responsibleStaffId = "staff-012",
        });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var pairingId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return (office, code, pairingId, fixture.Client(await IssueAsync("Enterprise", code)));
    }

    private static HttpRequestMessage Report(string pairingId, string? key, decimal clinics, string date = "2023-09-10")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { pairingId, date, values = new Dictionary<string, decimal> { ["clinic_person_times"] = clinics } }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task The_first_start_writes_an_admin_key_only_its_owner_can_read()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.AdminKeyFile));
        }

        Assert.StartsWith("bjk_", fixture.AdminKey);
        using var keys = await Admin.GetAsync("/api/v1/api-keys");
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        // bjk_{16 hex digits}_{secret}: the secret is base64url, so it may itself hold '_' and must not be cut at one.
        var secret = fixture.AdminKey["bjk_".Length..][17..];
        Assert.True(secret.Length >= 40, $"the admin key's secret is {secret.Length} characters");
        Assert.DoesNotContain(secret, await keys.Content.ReadAsStringAsync()); // secrets are never listed
    }

    [Fact]
    public async Task The_API_documents_itself()
    {
        var document = await fixture.Host.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/reports", "/api/v1/pairings", "/api/v1/boards/{code}", "/api/v1/localities/{code}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }

        using var reference = await fixture.Client().GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_writes_answer_401_and_public_boards_answer()
    {
        using var anonymous = fixture.Client();
        using var write = await anonymous.SendAsync(Report("ev-x-520527004002", "k", 1));
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client("bjk_0123456789abcdef_" + new string('x', 43)).GetAsync("/api/v1/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/boards/5205?year=2023")).StatusCode);
    }

    [Fact]
    public async Task A_report_is_created_once_replayed_with_its_key_and_refused_under_the_key_with_another_body()
    {
        var (_, _, pairingId, enterprise) = await PairedEnterpriseAsync("520521001002");
        var key = $"k-{Guid.NewGuid():N}";

        using var first = await enterprise.SendAsync(Report(pairingId, key, 15));
        using var again = await enterprise.SendAsync(Report(pairingId, key, 15));
        using var other = await enterprise.SendAsync(Report(pairingId, key, 16));
        using var keyless = await enterprise.SendAsync(Report(pairingId, null, 15));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Equal(new Uri($"/api/v1/reports/{id}", UriKind.Relative), first.Headers.Location);
        var stored = await (await enterprise.GetAsync($"/api/v1/reports/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(15m, stored.GetProperty("values").GetProperty("clinic_person_times").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_identical_posts_make_one_report()
    {
        var (_, _, pairingId, enterprise) = await PairedEnterpriseAsync("520521001003");
        var key = $"k-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await enterprise.SendAsync(Report(pairingId, key, 9));
            return (response.StatusCode, Id: (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        }));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Single(answers.Select(a => a.Id).Distinct());
        var board = fixture.Host;
        await board.PollAsync(async () =>
        {
            var subject = await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/pairings/{pairingId}");
            var village = await fixture.Client().GetFromJsonAsync<JsonElement>("/api/v1/boards/520521001003?year=2023");
            return subject.GetProperty("status").GetString() == "active"
                && village.GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal() == 9m;
        }, TimeSpan.FromSeconds(20), "the village's board to count the report once");
    }

    [Fact]
    public async Task Roles_limit_what_a_key_may_do_and_a_revoked_key_stops_working()
    {
        var (_, _, pairingId, enterprise) = await PairedEnterpriseAsync("520521001008");
        var (_, _, otherPairing, _) = await PairedEnterpriseAsync("520521001005");

        using var foreign = await enterprise.SendAsync(Report(otherPairing, $"k-{Guid.NewGuid():N}", 3));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        using var officeOnly = await enterprise.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = "x", localityCode = "520521001", start = "2023-01-01", responsibleStaffId = "staff-001" });
        Assert.Equal(HttpStatusCode.Forbidden, officeOnly.StatusCode);
        Assert.Equal("application/problem+json", officeOnly.Content.Headers.ContentType?.MediaType);
        var viewer = fixture.Client(await IssueAsync("Viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(Report(pairingId, "k1", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/api-keys")).StatusCode);

        var keyId = enterprise.DefaultRequestHeaders.Authorization!.Parameter!.Split('_')[1];
        Assert.Equal(HttpStatusCode.OK, (await Admin.DeleteAsync($"/api/v1/api-keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await enterprise.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 1))).StatusCode);
    }

    [Fact]
    public async Task Bad_input_in_a_body_is_a_400_with_the_field_and_a_duplicate_pairing_a_409()
    {
        var (office, enterprise, pairingId, client) = await PairedEnterpriseAsync("520521001006");

        using var duplicate = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "EnterpriseVillage", enterpriseCode = enterprise, localityCode = "520521001006", start = "2023-08-01", responsibleStaffId = "staff-013" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var unknownVillage = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "EnterpriseVillage", enterpriseCode = enterprise, localityCode = "520521001999", start = "2023-08-01", responsibleStaffId = "staff-013" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownVillage.StatusCode);
        Assert.True((await unknownVillage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("localityCode", out _));
        var badCode = enterprise[..17] + (enterprise[17] == '0' ? '1' : '0');
        Assert.Equal(HttpStatusCode.BadRequest, (await office.PutAsJsonAsync($"/api/v1/enterprises/{badCode}", new { name = "x" })).StatusCode);

        foreach (var (values, date) in new[]
        {
            (new Dictionary<string, decimal> { ["clinic_person_times"] = -1 }, "2023-09-01"),
            (new Dictionary<string, decimal> { ["clinic_person_times"] = 99_000_000 }, "2023-09-01"),
            (new Dictionary<string, decimal> { ["no_such_indicator"] = 1 }, "2023-09-01"),
            (new Dictionary<string, decimal> { ["clinic_person_times"] = 1 }, DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")),
        })
        {
            using var bad = await client.PostAsync("/api/v1/reports", new StringContent(
                JsonSerializer.Serialize(new { pairingId, date, values }), System.Text.Encoding.UTF8, "application/json")
            {
                Headers = { },
            });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var malformed = await client.PostAsync("/api/v1/reports", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Pairings_at_a_county_and_below_are_listed_with_their_status_and_paged()
    {
        var (office, _, pairingId, _) = await PairedEnterpriseAsync("520523001001");
        await PairedEnterpriseAsync("520523001002");
        (await office.PostAsJsonAsync($"/api/v1/pairings/{pairingId}/end", new { end = "2023-12-31", reason = "合作期满" })).EnsureSuccessStatusCode();

        async Task<JsonElement> ListAsync(string query) => await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/pairings?{query}");
        await fixture.Host.PollAsync(async () => (await ListAsync("locality=520523")).GetProperty("total").GetInt32() >= 2, TimeSpan.FromSeconds(20), "the county to list its pairings");

        var page = await ListAsync("locality=520523&size=1");
        Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("/api/v1/pairings?locality=520523&size=1&page=2", page.GetProperty("next").GetString());
        // The status filter reads the roll-ups' ids (only the page is loaded), so it follows the end as they do: within a moment.
        await fixture.Host.PollAsync(async () => (await ListAsync("locality=520523&status=ended")).GetProperty("items").EnumerateArray()
            .Any(p => p.GetProperty("id").GetString() == pairingId && p.GetProperty("status").GetString() == "ended"), TimeSpan.FromSeconds(20), "the ended pairing to be listed as ended");
        Assert.DoesNotContain((await ListAsync("locality=520523&status=active&size=200")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == pairingId);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client().GetAsync("/api/v1/pairings?size=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client().GetAsync("/api/v1/pairings?locality=999999")).StatusCode);
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_is_a_412_and_changes_nothing()
    {
        var (office, _, pairingId, _) = await PairedEnterpriseAsync("520523001003");
        using var read = await office.GetAsync($"/api/v1/pairings/{pairingId}");
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pairings/{pairingId}/end")
        {
            Content = JsonContent.Create(new { end = "2023-12-01", reason = "调整" }),
            Headers = { { "If-Match", "\"7\"" } },
        };
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await office.SendAsync(stale)).StatusCode);
        Assert.Equal("active", (await office.GetFromJsonAsync<JsonElement>($"/api/v1/pairings/{pairingId}")).GetProperty("status").GetString());

        using var fresh = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pairings/{pairingId}/end")
        {
            Content = JsonContent.Create(new { end = "2023-12-01", reason = "调整" }),
            Headers = { { "If-Match", etag } },
        };
        using var ended = await office.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("\"2\"", ended.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var office = fixture.Client(await IssueAsync("Office"));
        using var huge = await office.PostAsync("/api/v1/reports", new StringContent(new string(' ', 2_000_000) + "{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Every_write_endpoint_answers_each_role_as_the_role_deserves()
    {
        var office = fixture.Client(await IssueAsync("Office"));
        var helperId = $"helper-{Guid.NewGuid():N}"[..24];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = "测试帮扶单位", kind = "Unit" })).EnsureSuccessStatusCode();
        var (_, enterpriseCode, _, _) = await PairedEnterpriseAsync("520523001008");
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = fixture.Client(),
            ["Viewer"] = fixture.Client(await IssueAsync("Viewer")),
            ["Helper"] = fixture.Client(await IssueAsync("Helper", helperId)),
            ["Enterprise"] = fixture.Client(await IssueAsync("Enterprise", enterpriseCode)),
            ["Office"] = office,
            ["Admin"] = Admin,
        };
        string[] reporters = ["Helper", "Enterprise", "Office", "Admin"], managers = ["Office", "Admin"], admins = ["Admin"];
        var missingReport = Guid.NewGuid();
        // Bodies that pass binding but name nothing that exists: an allowed caller gets 400/404/409, and nothing changes.
        var endpoints = new (HttpMethod Method, string Path, object Body, string[] Allowed)[]
        {
            (HttpMethod.Post, "/api/v1/pairings", new { kind = "Township", helperId = "no-such-unit", localityCode = "520523001", start = "2023-01-01", responsibleStaffId = "staff-001" }, managers),
            (HttpMethod.Post, "/api/v1/pairings/ts-none-520523001/end", new { end = "2023-02-01", reason = "x" }, managers),
            (HttpMethod.Post, "/api/v1/projects", new { title = "x", track = "Health", localityCode = "520599", leadHelperId = "no-such", responsibleStaffId = "staff-001", proposedOn = "2023-01-01" }, managers),
            (HttpMethod.Post, "/api/v1/projects/no-such-project/transitions", new { to = "InLibrary", on = "2023-01-01" }, managers),
            (HttpMethod.Put, "/api/v1/projects/no-such-project/progress", new { money = new { plannedYuan = 1, signedYuan = 0, landedYuan = 0 } }, managers),
            (HttpMethod.Put, "/api/v1/helpers/Bad_Id", new { nameZh = "x", kind = "Unit" }, managers),
            (HttpMethod.Put, "/api/v1/enterprises/91520500MA6DXXXX0A", new { name = "x" }, managers),
            (HttpMethod.Post, "/api/v1/reports", new { pairingId = "ev-none-520523001001", date = "2023-05-01", values = new { clinic_person_times = 1 } }, reporters),
            (HttpMethod.Post, $"/api/v1/reports/{missingReport}/reversal", new { reason = "x" }, reporters),
            (HttpMethod.Post, "/api/v1/api-keys", new { owner = "", role = "Viewer" }, admins),
            (HttpMethod.Delete, "/api/v1/api-keys/0000000000000000", new { }, admins),
            (HttpMethod.Post, "/api/v1/accounts", new { userName = "x", displayName = "", role = "Viewer", password = "short" }, admins),
            (HttpMethod.Post, "/api/v1/imports/nothing-importable", new { }, managers),
        };

        var failures = new List<string>();
        foreach (var (method, path, body, allowed) in endpoints)
        {
            foreach (var (role, client) in clients)
            {
                using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", $"m-{Guid.NewGuid():N}" } } };
                using var response = await client.SendAsync(request);
                var expected = role == "anonymous" ? "401" : allowed.Contains(role) ? "allowed" : "403";
                var got = (int)response.StatusCode;
                var ok = expected switch
                {
                    "401" => got == 401,
                    "403" => got == 403,
                    _ => got is >= 400 and < 500 and not 401 and not 403,
                };
                if (!ok)
                {
                    failures.Add($"{method} {path} as {role}: {got}, expected {expected}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Listings_of_the_tree_organisations_and_reports_are_paged_and_filtered()
    {
        var tree = await fixture.Client().GetFromJsonAsync<JsonElement>("/api/v1/localities");
        var counties = tree.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(8, counties.Count);
        Assert.Equal(279, counties.Sum(c => c.GetProperty("children").GetArrayLength()));

        var (office, enterprise, pairingId, client) = await PairedEnterpriseAsync("520523001010");
        var helperId = $"unit-{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = "列表测试单位", kind = "Unit" })).EnsureSuccessStatusCode();
        var units = await fixture.Client().GetFromJsonAsync<JsonElement>("/api/v1/helpers?kind=Unit&size=200");
        Assert.Contains(units.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetString() == helperId);
        Assert.DoesNotContain(units.GetProperty("items").EnumerateArray(), h => h.GetProperty("kind").GetString() != "Unit");

        await fixture.Host.PollAsync(async () =>
        {
            var paired = await fixture.Client().GetFromJsonAsync<JsonElement>("/api/v1/enterprises?locality=520523001");
            return paired.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("creditCode").GetString() == enterprise);
        }, TimeSpan.FromSeconds(20), "the township to list its enterprise");

        using var post = await client.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 12));
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var reports = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?pairing={pairingId}&year=2023");
        Assert.Equal(id, reports.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client().GetAsync($"/api/v1/reports?pairing={pairingId}&year=2023")).StatusCode);
    }

    [Fact]
    public async Task The_office_reads_the_daily_ledger_digest_a_silo_wrote_when_the_day_was_over_and_a_viewer_may_not()
    {
        var office = fixture.Client(await IssueAsync("Office"));
        JsonElement digests = default;
        await fixture.Host.PollAsync(async () =>
        {
            digests = await office.GetFromJsonAsync<JsonElement>("/api/v1/ledger/digests");
            return digests.GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(30), "the silo to write yesterday's digest");

        // The day that is over in China Standard Time, whatever the machine's zone.
        var yesterday = TestEnvironment.Today.AddDays(-1).ToString("yyyy-MM-dd");
        var newest = digests[0];
        Assert.Equal(yesterday, newest.GetProperty("day").GetString());
        Assert.Matches("^[0-9a-f]{64}$", newest.GetProperty("hash").GetString()!);
        Assert.Equal($"{newest.GetProperty("position").GetInt64()}:{newest.GetProperty("hash").GetString()}", newest.GetProperty("check").GetString());
        Assert.True(newest.GetProperty("entries").GetInt64() <= newest.GetProperty("position").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client(await IssueAsync("Viewer")).GetAsync("/api/v1/ledger/digests")).StatusCode);
    }

    [Fact]
    public async Task A_board_as_of_a_day_or_a_position_shows_the_ledger_as_it_stood_then_and_a_bad_point_is_refused()
    {
        const string village = "520521001009";
        var (office, _, pairingId, enterprise) = await PairedEnterpriseAsync(village);
        static decimal Clinics(JsonElement board) => board.GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal();
        async Task<JsonElement> BoardAsync(string query = "") => await office.GetFromJsonAsync<JsonElement>($"/api/v1/boards/{village}?year=2023{query}");

        using (var first = await enterprise.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 15)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await fixture.Host.PollAsync(async () => Clinics(await BoardAsync()) == 15, TimeSpan.FromSeconds(20), "the live board to count the first report");
        var today = TestEnvironment.Today.ToString("yyyy-MM-dd");
        var asOfToday = await BoardAsync($"&asOf={today}");
        Assert.Equal(15m, Clinics(asOfToday));
        Assert.Equal(today, asOfToday.GetProperty("asOf").GetString());
        var then = asOfToday.GetProperty("position").GetInt64();

        using (var second = await enterprise.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 7)))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        await fixture.Host.PollAsync(async () => Clinics(await BoardAsync()) == 22, TimeSpan.FromSeconds(20), "the live board to count the second report");
        // The ledger as it stood when the first was read: the second is not in it, on the village's board and the pairing's.
        var atThen = await BoardAsync($"&position={then}");
        Assert.Equal(15m, Clinics(atThen));
        Assert.Equal(then, atThen.GetProperty("position").GetInt64());
        Assert.Equal(15m, Clinics(await office.GetFromJsonAsync<JsonElement>($"/api/v1/boards/pairings/{pairingId}?year=2023&position={then}")));
        Assert.Equal(22m, Clinics(await BoardAsync($"&asOf={today}")));
        // Yesterday this ledger (made today) held nothing.
        var yesterday = await BoardAsync($"&asOf={TestEnvironment.Today.AddDays(-1):yyyy-MM-dd}");
        Assert.Equal(0m, Clinics(yesterday));
        Assert.Equal(0L, yesterday.GetProperty("position").GetInt64());
        // As reported by a period's deadline: 2023Q3's passed long before this ledger was made, so nothing; the year is the period's.
        var byDeadline = await office.GetFromJsonAsync<JsonElement>($"/api/v1/boards/{village}?asReportedBy=2023Q3");
        Assert.Equal(0m, Clinics(byDeadline));
        Assert.Equal(2023, byDeadline.GetProperty("year").GetInt32());
        Assert.Equal("2023Q3", byDeadline.GetProperty("asReportedBy").GetString());
        Assert.StartsWith("2023-1", byDeadline.GetProperty("asOf").GetString()); // its deadline, after the quarter
        // The live board names no point.
        Assert.Equal(JsonValueKind.Null, (await BoardAsync()).GetProperty("position").ValueKind);

        foreach (var bad in new[] { "&asOf=2026-13-01", "&asOf=1987-12-31", $"&asOf={today}&position=1", "&position=-1", "&position=900000000", "&asReportedBy=2023Q5", "&asReportedBy=2023Q3&position=1" })
        {
            using var refused = await office.GetAsync($"/api/v1/boards/{village}?year=2023{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("board.as_of", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task A_blocking_rule_refuses_a_report_and_writes_nothing_and_a_warning_rule_accepts_it_and_says_why()
    {
        const string village = "520521001001";
        var (office, _, pairingId, enterprise) = await PairedEnterpriseAsync(village);
        var defaults = await office.GetFromJsonAsync<JsonElement>("/api/v1/validation-rules");
        Assert.Contains(defaults.EnumerateArray(), r => r.GetProperty("id").GetString() == "landed-not-above-signed");
        var rules = new object[]
        {
            new { id = "clinics-per-report", kind = "Range", indicator = "clinic_person_times", min = 1, max = 1000, severity = "Block", nameZh = "单次义诊人次", nameEn = "Clinic person-times per report" },
            new { id = "landed-not-above-signed", kind = "NotAbove", indicator = "investment_landed_yuan", other = "investment_signed_yuan", severity = "Warn", nameZh = "落地金额不高于签约金额" },
        };
        using (var bad = await office.PutAsJsonAsync("/api/v1/validation-rules", new[] { new { id = "x", kind = "Range", indicator = "no_such_indicator", min = 1, severity = "Warn", nameZh = "坏规则" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("rules.invalid", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PutAsJsonAsync("/api/v1/validation-rules", rules)).StatusCode);
        (await office.PutAsJsonAsync("/api/v1/validation-rules", rules)).EnsureSuccessStatusCode();
        try
        {
            static decimal Clinics(JsonElement board) => board.GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal();
            using (var blocked = await enterprise.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 5000)))
            {
                Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
                var problem = await blocked.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("report.rule", problem.GetProperty("code").GetString());
                Assert.Contains("单次义诊人次", problem.GetProperty("detail").GetString());
                Assert.Contains("5,000", problem.GetProperty("detail").GetString());
            }

            using (var fine = await enterprise.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 500)))
            {
                Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
                // No rule of the catalogue warns (an outlier against the county's other test pairings may).
                Assert.DoesNotContain((await fine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray(),
                    w => !w.GetProperty("ruleId").GetString()!.StartsWith("outlier-", StringComparison.Ordinal));
            }

            // Nothing of the refused report was written: the board counts the accepted one only.
            await fixture.Host.PollAsync(async () => Clinics(await office.GetFromJsonAsync<JsonElement>($"/api/v1/boards/pairings/{pairingId}?year=2023")) == 500,
                TimeSpan.FromSeconds(20), "the pairing's board to count the accepted report");

            // Money landed with none signed: accepted, with the warning in words.
            using var landed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
            {
                Content = JsonContent.Create(new { pairingId, date = "2023-09-12", values = new Dictionary<string, decimal> { ["investment_landed_yuan"] = 80000 } }),
            };
            landed.Headers.Add("Idempotency-Key", $"k-{Guid.NewGuid():N}");
            using var warned = await enterprise.SendAsync(landed);
            Assert.Equal(HttpStatusCode.Created, warned.StatusCode);
            var warning = Assert.Single((await warned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray());
            Assert.Equal("landed-not-above-signed", warning.GetProperty("ruleId").GetString());
            Assert.Equal(80000m, warning.GetProperty("value").GetDecimal());
            Assert.Equal(0m, warning.GetProperty("limit").GetDecimal());
            Assert.Contains("落地金额", warning.GetProperty("messageZh").GetString());
        }
        finally
        {
            (await office.PutAsJsonAsync("/api/v1/validation-rules", defaults)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_report_checked_before_sending_writes_nothing_and_a_flagged_one_leads_the_review_queue_with_its_reason()
    {
        var (office, _, pairingId, enterprise) = await PairedEnterpriseAsync("520521001003");
        HttpRequestMessage Landed(string path, decimal yuan, string date, string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = JsonContent.Create(new { pairingId, date, values = new Dictionary<string, decimal> { ["investment_landed_yuan"] = yuan } }),
            };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return request;
        }

        async Task<int> StandingAsync() =>
            (await office.GetFromJsonAsync<JsonElement>($"/api/v1/reports?pairing={pairingId}&year=2023")).GetProperty("total").GetInt32();

        // The check answers the warning the office's default rule gives (money landed with none signed), and writes nothing.
        using (var check = await enterprise.SendAsync(Landed("/api/v1/reports/check", 80000, "2023-09-12", null)))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            var warning = Assert.Single((await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray());
            Assert.Equal("landed-not-above-signed", warning.GetProperty("ruleId").GetString());
        }

        // A report the server would refuse is refused by the check too, with the same problem.
        using (var refused = await enterprise.SendAsync(Landed("/api/v1/reports/check", 80000, "2099-01-01", null)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("report.date_in_future", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        Assert.Equal(0, await StandingAsync());

        // Filed: accepted with the warning; an ordinary report filed after it.
        using var flagged = await enterprise.SendAsync(Landed("/api/v1/reports", 80000, "2023-09-12", $"k-{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, flagged.StatusCode);
        var flaggedId = (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var ordinary = await enterprise.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 20, "2023-09-20"));
        Assert.Equal(HttpStatusCode.Created, ordinary.StatusCode);
        var ordinaryId = (await ordinary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(2, await StandingAsync());

        // The queue lists newest first, but the flagged report before the newer one, with its reason in both languages.
        var queue = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?pairing={pairingId}&year=2023");
        var items = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("report")).ToArray();
        Assert.Equal([flaggedId, ordinaryId], items.Select(r => r.GetProperty("id").GetString()));
        var flag = Assert.Single(items[0].GetProperty("flags").EnumerateArray());
        Assert.Equal("landed-not-above-signed", flag.GetProperty("ruleId").GetString());
        Assert.Contains("落地金额", flag.GetProperty("messageZh").GetString());
        Assert.Contains("Money landed", flag.GetProperty("messageEn").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("flags").ValueKind);
        var onlyFlagged = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?pairing={pairingId}&year=2023&flagged=true");
        Assert.Equal(flaggedId, Assert.Single(onlyFlagged.GetProperty("items").EnumerateArray()).GetProperty("report").GetProperty("id").GetString());
        var unflagged = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?pairing={pairingId}&year=2023&flagged=false");
        Assert.Equal(ordinaryId, Assert.Single(unflagged.GetProperty("items").EnumerateArray()).GetProperty("report").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Every_change_of_a_helper_and_of_a_pairing_is_in_its_history_with_who_by_name_and_the_fields_before_and_after()
    {
        var (office, enterprise, pairingId, enterpriseClient) = await PairedEnterpriseAsync("520521001005");
        var helperId = $"hist-{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = "历史测试单位", kind = "Unit" })).EnsureSuccessStatusCode();
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = "历史测试单位（更名）", kind = "Unit" })).EnsureSuccessStatusCode();
        (await office.PutAsJsonAsync($"/api/v1/pairings/{pairingId}/responsible", new { staffId = "staff-015" })).EnsureSuccessStatusCode();

        var helper = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/helpers/{helperId}/history")).EnumerateArray().ToArray();
        Assert.Equal([2, 1], helper.Select(c => c.GetProperty("version").GetInt32()));
        Assert.Equal("update", helper[0].GetProperty("action").GetString());
        Assert.Equal("key", helper[0].GetProperty("via").GetString());
        Assert.Equal("test Office", helper[0].GetProperty("actorName").GetString()); // the key's owner, not its id
        var name = Assert.Single(helper[0].GetProperty("fields").EnumerateArray());
        Assert.Equal(("nameZh", "历史测试单位", "历史测试单位（更名）"),
            (name.GetProperty("field").GetString(), name.GetProperty("before").GetString(), name.GetProperty("after").GetString()));

        var pairing = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/pairings/{pairingId}/history")).EnumerateArray().ToArray();
        Assert.Equal("update", pairing[0].GetProperty("action").GetString());
        Assert.Contains(pairing[0].GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "responsibleStaffId"
            && f.GetProperty("after").GetString() == "staff-015");
        var enterpriseHistory = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}/history")).EnumerateArray();
        Assert.Equal("register", Assert.Single(enterpriseHistory).GetProperty("action").GetString());

        // The office's to read: the enterprise's own key is refused; an unknown helper is not there.
        Assert.Equal(HttpStatusCode.Forbidden, (await enterpriseClient.GetAsync($"/api/v1/pairings/{pairingId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/api/v1/helpers/no-such-helper-here/history")).StatusCode);
    }

    [Fact]
    public async Task A_township_approves_a_quarter_the_county_approves_what_it_approved_the_batch_locks_and_the_county_board_shows_both_shares()
    {
        const string county = "520526", township = "520526002";
        var office = fixture.Client(await IssueAsync("Office"));
        var code = TestEnvironment.NewCreditCode();
        (await office.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = $"审核测试企业{code[^4..]}", industry = "农业", province = "贵州" })).EnsureSuccessStatusCode();
        using var start = await office.PostAsJsonAsync("/api/v1/pairings", new
        {
            kind = "EnterpriseVillage", enterpriseCode = code, localityCode = "520526002002", start = "2022-10-01", responsibleStaffId = "staff-012",
        });
        var pairingId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using (var report = await office.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 40, "2022-11-20")))
        {
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        var townshipKey = fixture.Client(await IssueAsync("Locality", township));
        var countyKey = fixture.Client(await IssueAsync("Locality", county));
        async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object? body = null)
        {
            using var response = await client.PostAsJsonAsync(path, body ?? new { });
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        // The county waits for the township; the township approves the quarter's figures as the ledger holds them.
        var early = await PostAsync(countyKey, $"/api/v1/approvals/2022Q4/{township}");
        Assert.Equal((HttpStatusCode.Conflict, "approval.below_pending"), (early.Status, early.Body.GetProperty("code").GetString()));
        var approved = await PostAsync(townshipKey, $"/api/v1/approvals/2022Q4/{township}");
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        var step = Assert.Single(approved.Body.GetProperty("approved").EnumerateArray());
        Assert.Equal(40m, step.GetProperty("amounts").GetProperty("clinic_person_times").GetDecimal());
        Assert.Equal("test Locality", step.GetProperty("byName").GetString());
        Assert.Equal("County", approved.Body.GetProperty("next").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(countyKey, $"/api/v1/approvals/2022Q4/{township}")).Status);

        // Locked: a late report is refused; the township cannot take back what the county approved on top.
        using (var late = await office.SendAsync(Report(pairingId, $"k-{Guid.NewGuid():N}", 3, "2022-12-01")))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("report.period_approved", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        var above = await PostAsync(townshipKey, $"/api/v1/approvals/2022Q4/{township}/unapproval", new { reason = "有误" });
        Assert.Equal("approval.above", above.Body.GetProperty("code").GetString());

        // The county's board shows the share each level approved; the township's list of batches, its own only.
        await fixture.Host.PollAsync(async () =>
        {
            var board = await office.GetFromJsonAsync<JsonElement>($"/api/v1/boards/{county}?year=2022");
            return board.GetProperty("indicators").GetProperty("clinic_person_times").TryGetProperty("approvedPercent", out var shares)
                && shares.ValueKind == JsonValueKind.Object && shares.TryGetProperty("county", out var c) && c.GetDecimal() > 0;
        }, TimeSpan.FromSeconds(20), "the county board to show the approved shares");
        var listed = (await townshipKey.GetFromJsonAsync<JsonElement>("/api/v1/approvals/2022Q4")).EnumerateArray().ToArray();
        Assert.Equal(township, Assert.Single(listed).GetProperty("unit").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await townshipKey.GetAsync($"/api/v1/approvals/2022Q4?locality={county}")).StatusCode);

        // The county takes its approval back with a reason: the township's stands.
        var back = await PostAsync(countyKey, $"/api/v1/approvals/2022Q4/{township}/unapproval", new { reason = "数据有误" });
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal("County", back.Body.GetProperty("next").GetString());
    }
}
