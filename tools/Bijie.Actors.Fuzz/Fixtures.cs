using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Fuzz;

/// <summary>
/// What the fuzzer makes through the API before it fuzzes, all under a fresh tag: keys of every kind (one revoked,
/// one forged), two helper organisations (A, and B as the other tenant) with their pairings, projects, matters,
/// visits, expert teams and reports, an enterprise with its pairing, a need, a platform and a webhook.
/// </summary>
internal sealed class Fixtures
{
    public required string Tag { get; init; }
    public required DateOnly Today { get; init; }
    public Dictionary<string, string?> Keys { get; } = new(); // key name → token (null: anonymous)
    public Dictionary<string, string> KeyIds { get; } = new();
    public string HelperA = "", HelperB = "", Enterprise = "", EnterpriseB = "";
    public string TownshipA = "", TownshipA2 = "", TownshipB = "", TownshipNew = "", Village = "";
    public string PairingA = "", PairingA2 = "", PairingB = "", PairingE = "";
    public string ProjectA = "", ProjectA2 = "", ProjectB = "";
    public string Account = "";
    public string MatterA = "", MatterB = "", Need = "", NeedA = "", VisitA = "", VisitB = "", TeamA = "", TeamB = "", BatchA = "", Platform = "", Webhook = "";
    public string ReportA = "", ReportB = "", ReportE = "";

    /// <summary>Per kind: the export's header and the row of one of the fixtures (the seed of an import).</summary>
    public Dictionary<string, string> ImportCsv { get; } = new();

    public string Date(int days = 0) => Today.AddDays(days).ToString("yyyy-MM-dd");

    public static async Task<Fixtures> CreateAsync(HttpClient http, string adminKey, TextWriter? log)
    {
        var china = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ChinaZone());
        var f = new Fixtures { Tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Today = DateOnly.FromDateTime(china.DateTime) };
        var api = new Api(http, adminKey);
        f.Keys["admin"] = adminKey;
        f.Keys["anonymous"] = null;

        // Places: townships from the tree, a village of the first.
        var tree = await api.GetAsync("/api/v1/localities");
        var townships = tree["children"]!.AsArray().SelectMany(c => c!["children"]!.AsArray()).Select(t => (string)t!["code"]!).ToList();
        var pick = townships.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(4).ToList();
        (f.TownshipA, f.TownshipA2, f.TownshipB, f.TownshipNew) = (pick[0], pick[1], pick[2], pick[3]);
        var township = await api.GetAsync($"/api/v1/localities/{f.TownshipA}");
        f.Village = (string)township["children"]!.AsArray()[0]!["code"]!;

        await f.IssueKeyAsync(api, "office", "Office", null);
        await f.IssueKeyAsync(api, "viewer", "Viewer", null);
        var office = new Api(http, f.Keys["office"]!);

        f.HelperA = $"fuzz-{f.Tag}-a";
        f.HelperB = $"fuzz-{f.Tag}-b";
        await office.SendAsync("PUT", $"/api/v1/helpers/{f.HelperA}", new { nameZh = $"模糊测试单位甲{f.Tag}", nameEn = "Fuzz helper A", kind = "Unit", strengths = new[] { "Health" } });
        await office.SendAsync("PUT", $"/api/v1/helpers/{f.HelperB}", new { nameZh = $"模糊测试单位乙{f.Tag}", nameEn = "Fuzz helper B", kind = "Unit", strengths = new[] { "Education" } });
        var body = $"915205{RandomNumberGenerator.GetInt32(100_000, 999_999)}{RandomNumberGenerator.GetInt32(10_000, 99_999)}";
        f.Enterprise = body + CreditCodes.CheckCharacter(body);
        await office.SendAsync("PUT", $"/api/v1/enterprises/{f.Enterprise}", new { name = $"模糊测试企业{f.Tag}", industry = "农业", province = "贵州" });
        var bodyB = $"915205{RandomNumberGenerator.GetInt32(100_000, 999_999)}{RandomNumberGenerator.GetInt32(10_000, 99_999)}";
        f.EnterpriseB = bodyB + CreditCodes.CheckCharacter(bodyB);
        await office.SendAsync("PUT", $"/api/v1/enterprises/{f.EnterpriseB}", new { name = $"模糊测试企业乙{f.Tag}", industry = "农业", province = "贵州" });
        await f.IssueKeyAsync(api, "helperA", "Helper", f.HelperA);
        await f.IssueKeyAsync(api, "helperB", "Helper", f.HelperB);
        await f.IssueKeyAsync(api, "enterprise", "Enterprise", f.Enterprise);
        await f.IssueKeyAsync(api, "enterpriseB", "Enterprise", f.EnterpriseB);
        // The offices of two townships: A's holds helper A's pairing and the enterprise's village, B's helper B's.
        await f.IssueKeyAsync(api, "localityA", "Locality", f.TownshipA);
        await f.IssueKeyAsync(api, "localityB", "Locality", f.TownshipB);
        await f.IssueKeyAsync(api, "revoked", "Helper", f.HelperA);
        await api.SendAsync("DELETE", $"/api/v1/api-keys/{f.KeyIds["revoked"]}", null);
        // An account whose history the administrator reads.
        f.Account = $"fuzz-{f.Tag}-reader";
        await api.SendAsync("POST", "/api/v1/accounts", new { userName = f.Account, displayName = "模糊测试读者", role = "Viewer", password = "fuzz-password-123456" });
        // A forged key: the right shape, an id and a secret nobody issued.
        f.Keys["forged"] = $"bjk_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        // The office key's id with a secret of its own: the id is public, the secret is not.
        f.Keys["tampered"] = $"bjk_{f.KeyIds["office"]}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

        var start = f.Date(-60);
        f.PairingA = await office.IdAsync("POST", "/api/v1/pairings", new { kind = "Township", helperId = f.HelperA, localityCode = f.TownshipA, start, responsibleStaffId = "staff-003" });
        f.PairingA2 = await office.IdAsync("POST", "/api/v1/pairings", new { kind = "Township", helperId = f.HelperA, localityCode = f.TownshipA2, start, responsibleStaffId = "staff-003" });
        f.PairingB = await office.IdAsync("POST", "/api/v1/pairings", new { kind = "Township", helperId = f.HelperB, localityCode = f.TownshipB, start, responsibleStaffId = "staff-004" });
        f.PairingE = await office.IdAsync("POST", "/api/v1/pairings", new { kind = "EnterpriseVillage", enterpriseCode = f.Enterprise, localityCode = f.Village, start, responsibleStaffId = "staff-005" });
        f.ProjectA = await office.IdAsync("POST", "/api/v1/projects", f.ProjectBody($"fz{f.Tag}pa", f.HelperA, f.TownshipA));
        foreach (var step in new object[] { new { to = "InLibrary", on = f.Date(-20) }, new { to = "Planned", on = f.Date(-19), plannedYear = f.Today.Year }, new { to = "InProgress", on = f.Date(-18) } })
        {
            await office.SendAsync("POST", $"/api/v1/projects/{f.ProjectA}/transitions", step);
        }

        f.ProjectA2 = await office.IdAsync("POST", "/api/v1/projects", f.ProjectBody($"fz{f.Tag}pa2", f.HelperA, f.TownshipA2));
        f.ProjectB = await office.IdAsync("POST", "/api/v1/projects", f.ProjectBody($"fz{f.Tag}pb", f.HelperB, f.TownshipB));
        f.MatterA = await office.IdAsync("POST", "/api/v1/matters", f.MatterBody(f.HelperA));
        f.MatterB = await office.IdAsync("POST", "/api/v1/matters", f.MatterBody(f.HelperB));
        f.Need = await office.IdAsync("POST", "/api/v1/needs", f.NeedBody());
        f.NeedA = await new Api(http, f.Keys["localityA"]!).IdAsync("POST", "/api/v1/needs", f.NeedBody() with { Description = f.NeedNote });
        f.VisitA = await new Api(http, f.Keys["helperA"]!).IdAsync("POST", "/api/v1/visits", f.VisitBody(f.HelperA, f.TownshipA));
        f.VisitB = await new Api(http, f.Keys["helperB"]!).IdAsync("POST", "/api/v1/visits", f.VisitBody(f.HelperB, f.TownshipB));
        f.TeamA = $"fz{f.Tag}ta";
        f.TeamB = $"fz{f.Tag}tb";
        await office.SendAsync("PUT", $"/api/v1/expert-teams/{f.TeamA}", f.TeamBody(f.HelperA));
        await office.SendAsync("PUT", $"/api/v1/expert-teams/{f.TeamB}", f.TeamBody(f.HelperB));
        var batch = await new Api(http, f.Keys["helperA"]!).SendAsync("POST", $"/api/v1/expert-teams/{f.TeamA}/batches", f.BatchBody(), Guid.NewGuid().ToString());
        f.BatchA = (string)(batch["entryId"] ?? batch["id"])!;
        f.Platform = $"fz{f.Tag}pf";
        await office.SendAsync("PUT", $"/api/v1/platforms/{f.Platform}", f.PlatformBody());
        var hook = await office.SendAsync("POST", "/api/v1/webhooks", new { url = "https://203.0.113.9/fuzz", events = new[] { "report.accepted" } });
        f.Webhook = (string)hook["subscription"]!["id"]!;

        // An exception for a late report: who was let report late is the office's to know.
        await office.SendAsync("PUT", $"/api/v1/periods/{f.Today.Year - 1}Q4/exceptions/{f.PairingA2}", new { until = f.Date(7), reason = "补报" });

        // The report seeds are valid for their owners: a refusal of another tenant's key is then for the tenancy alone.
        f.ReportA = (string)(await new Api(http, f.Keys["helperA"]!).SendAsync("POST", "/api/v1/reports", f.ReportBody(f.PairingA, null), Guid.NewGuid().ToString()))["id"]!;
        f.ReportB = (string)(await new Api(http, f.Keys["helperB"]!).SendAsync("POST", "/api/v1/reports", f.ReportBody(f.PairingB, null), Guid.NewGuid().ToString()))["id"]!;
        f.ReportE = (string)(await new Api(http, f.Keys["enterprise"]!).SendAsync("POST", "/api/v1/reports", f.ReportBody(f.PairingE, null), Guid.NewGuid().ToString()))["id"]!;
        await new Api(http, f.Keys["helperA"]!).SendAsync("POST", "/api/v1/reports", f.ReportBody(null, f.ProjectA), Guid.NewGuid().ToString());
        foreach (var (kind, query, mine) in new[] { ("helpers", "", f.HelperA), ("enterprises", "", f.Enterprise), ("pairings", "", f.PairingA), ("projects", "", f.ProjectA), ("reports", $"?year={f.Today.Year}", f.PairingA) })
        {
            var lines = (await api.TextAsync($"/api/v1/exports/{kind}.csv{query}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Skip(1).FirstOrDefault(l => l.Contains(mine, StringComparison.Ordinal)) is { } row)
            {
                f.ImportCsv[kind] = lines[0].TrimEnd('\r') + "\r\n" + row.TrimEnd('\r') + "\r\n";
            }
        }

        log?.WriteLine($"fixtures {f.Tag}: helpers {f.HelperA}, {f.HelperB}; enterprise {f.Enterprise}; pairings {f.PairingA}, {f.PairingB}, {f.PairingE}; projects {f.ProjectA}, {f.ProjectB}");
        return f;
    }

    private async Task IssueKeyAsync(Api admin, string name, string role, string? organizationId)
    {
        var issued = await admin.SendAsync("POST", "/api/v1/api-keys", new { owner = $"fuzz {Tag} {name}", role, organizationId });
        Keys[name] = (string)issued["token"]!;
        KeyIds[name] = (string)issued["key"]!["id"]!;
    }

    public object ProjectBody(string? id, string helper, string locality) => new
    {
        id, title = "模糊测试项目", track = "Health", localityCode = locality, leadHelperId = helper, coHelperIds = Array.Empty<string>(), responsibleStaffId = "staff-006",
        money = new { plannedYuan = 1_000_000m, signedYuan = 0m, landedYuan = 0m },
        milestones = new[] { new { id = "m1", title = "启动", due = Date(30), percentComplete = 0 } }, proposedOn = Date(-30),
    };

    public object MatterBody(string helper) => new
    {
        title = "模糊测试事项", description = "说明", helperId = helper, localityCode = TownshipA, domain = "Health", responsibleStaffId = "staff-007", due = Date(30),
    };

    /// <summary>The description of locality A's need: for the office's and that locality's eyes only.</summary>
    public string NeedNote => $"需求说明{Tag}";

    public NeedRequest NeedBody() => new("Education", TownshipA, "模糊测试需求", "说明", 1000m, "Normal", Date(60));

    public sealed record NeedRequest(string Domain, string LocalityCode, string Title, string Description, decimal BudgetYuan, string Urgency, string Deadline);

    public object VisitBody(string helper, string place) => new
    {
        batch = "第1批", helperId = helper, track = "Health", people = new[] { "张三" }, personTimes = 5, places = new[] { place }, from = Date(-2), to = Date(-1), note = "调研",
    };

    public object TeamBody(string helper) => new
    {
        nameZh = "模糊测试专家团", kind = "ServiceTeam", track = "Health", helperIds = new[] { helper },
        experts = new[] { new { name = "专家", field = "医学", affiliation = "医院" } },
    };

    public object BatchBody() => new { batch = "第1批", places = new[] { TownshipA }, from = Date(-2), to = Date(-1), personTimes = 3, note = "服务" };

    public object PlatformBody() => new
    {
        nameZh = "模糊测试科技小院", kind = "ScienceBackyard", track = "Technology", localityCode = TownshipA, helperIds = new[] { HelperA }, establishedOn = Date(-100), description = "说明",
    };

    public object ReportBody(string? pairing, string? project) => new
    {
        pairingId = pairing, projectId = project, date = Date(), values = new Dictionary<string, decimal> { ["clinic_person_times"] = 3 }, note = "模糊测试",
    };

    private static TimeZoneInfo ChinaZone() => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>JSON calls that must succeed (the fixtures); a failure names the call and the answer.</summary>
    internal sealed class Api(HttpClient http, string key)
    {
        public async Task<JsonNode> GetAsync(string path) => await SendAsync("GET", path, null);

        public async Task<string> TextAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<string> IdAsync(string method, string path, object body) => (string)(await SendAsync(method, path, body, $"fx-{Guid.NewGuid():N}"))["id"]!;

        public async Task<JsonNode> SendAsync(string method, string path, object? body, string? idempotencyKey = null)
        {
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body);
                }

                if (idempotencyKey is not null)
                {
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                }

                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == 429 && attempt < 20)
                {
                    await Task.Delay(1000);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"fixture {method} {path} answered {(int)response.StatusCode}: {text}");
                }

                return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
            }
        }
    }
}
