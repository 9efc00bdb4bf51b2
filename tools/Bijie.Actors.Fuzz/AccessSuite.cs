using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Bijie.Actors.Fuzz;

/// <summary>
/// The authorisation suite. It reads every operation of the host's OpenAPI document with the policy the host
/// declares for it (<c>x-bijie-policy</c>) and calls it as every role and as a second tenant of the same role:
/// <list type="bullet">
/// <item>an operation without a declared policy, with a policy the suite does not know, or without a request the
/// suite can make (a write seed, or the values of a read's path) is a finding, so no endpoint ships unchecked;</item>
/// <item>every caller the policy does not admit is refused: 401 without a valid key, 403 with one;</item>
/// <item>every write is sent with an otherwise valid body by the keys that may not make it (another tenant of the
/// owner's role among them): 403 or 404, never 2xx, and never an answer about the thing's state (409, 412) first;</item>
/// <item>reads of things that belong to someone name what only some callers may see (an id, a note, who filed a
/// report): those callers must see it, every other caller must not, in the body or by its status;</item>
/// <item>the state read through the API is the same before and after.</item>
/// </list>
/// </summary>
public static class AccessSuite
{
    /// <summary>The callers, by fixture key name; "anonymous" and "forged" have no valid key.</summary>
    public static readonly string[] Callers =
        ["anonymous", "forged", "viewer", "helperA", "helperB", "enterprise", "enterpriseB", "localityA", "localityB", "office", "admin"];

    private static readonly string[] Tenants = ["helperA", "helperB", "enterprise", "enterpriseB", "localityA", "localityB"];

    /// <summary>Who each policy admits (boards public, the default).</summary>
    private static readonly Dictionary<string, string[]> Admits = new()
    {
        ["anonymous"] = Callers,
        ["public-read"] = Callers,
        ["read"] = ["viewer", .. Tenants, "office", "admin"],
        ["tenant"] = [.. Tenants, "office", "admin"],
        ["report"] = ["helperA", "helperB", "enterprise", "enterpriseB", "office", "admin"],
        ["post-need"] = ["localityA", "localityB", "office", "admin"],
        ["approve"] = ["localityA", "localityB", "office", "admin"],
        ["office"] = ["office", "admin"],
        ["admin"] = ["admin"],
    };

    /// <summary>A read that names what only some callers may see: each leak's value and the callers who may see it.</summary>
    private sealed record Read(string Path, IReadOnlyList<(string Value, string[] VisibleTo)> Leaks);

    public static async Task<AccessResult> RunAsync(Uri url, string adminKey, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 8 };
        using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(100) };
        var f = await Fixtures.CreateAsync(http, adminKey, log);
        var document = JsonNode.Parse(await new Fixtures.Api(http, adminKey).TextAsync("/openapi/v1.json"))!;
        var snapshots = new Snapshots(http, f);
        var before = await snapshots.TakeAsync();

        var findings = new ConcurrentBag<string>();
        var calls = 0;
        var operations = 0;
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (!template.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (method, node) in item!.AsObject().Where(m => m.Value is JsonObject && m.Key is "get" or "post" or "put" or "delete" or "patch"))
            {
                operations++;
                var id = (string?)node!["operationId"] ?? $"{method.ToUpperInvariant()} {template}";
                var verb = method.ToUpperInvariant();
                var declared = (string?)node["x-bijie-policy"];
                if (declared is null)
                {
                    findings.Add($"{id}: no authorisation policy is declared (x-bijie-policy)");
                    continue;
                }

                var policies = declared.Split(',');
                if (policies.FirstOrDefault(p => !Admits.ContainsKey(p)) is { } unknown)
                {
                    findings.Add($"{id}: policy '{unknown}' is unknown to the suite: say whom it admits");
                    continue;
                }

                var admitted = Callers.Where(c => policies.All(p => Admits[p].Contains(c))).ToHashSet();
                var documented = DocumentedStatuses.Of(node);
                async Task<(int Status, string Text)> CallAsync(string path, string? body, string caller, Seed? seed)
                {
                    var answer = await SendAsync(http, f, verb, path, body, caller, seed, cancellationToken);
                    if (!documented.Contains(answer.Status))
                    {
                        findings.Add($"{id} {verb} {path} as {caller}: {answer.Status}, which the document does not list ({string.Join(", ", documented.Order())})");
                    }

                    return answer;
                }

                var requests = verb == "GET" ? ReadsOf(f, id, template, node) : WritesOf(f, id, verb, template);
                if (requests.Count == 0)
                {
                    findings.Add($"{id}: the suite has no request for it (a seed in Seeds.cs, or the values of its path)");
                    continue;
                }

                foreach (var (path, body, seed, read) in requests)
                {
                    // Every caller the policy does not admit is refused before anything else.
                    foreach (var caller in Callers.Where(c => !admitted.Contains(c) && (c != "anonymous" || policies.All(p => p != "anonymous"))))
                    {
                        Interlocked.Increment(ref calls);
                        var (status, _) = await CallAsync(path, body, caller, seed);
                        var expected = caller is "anonymous" or "forged" ? 401 : 403;
                        if (status != expected)
                        {
                            findings.Add($"{id} {verb} {path} as {caller}: {status}, expected {expected} (policy {declared})");
                        }
                    }

                    if (seed is not null)
                    {
                        // Writes by the keys that may not make them, among them another tenant of the owner's role.
                        foreach (var caller in seed.Wrong.Where(admitted.Contains))
                        {
                            Interlocked.Increment(ref calls);
                            var (status, text) = await CallAsync(path, body, caller, seed);
                            if (status is not (403 or 404))
                            {
                                findings.Add($"{id} {verb} {path} as {caller} (not {seed.Owner}): {status}, expected 403 or 404: {Shorten(text)}");
                            }
                        }
                    }

                    if (read is not null)
                    {
                        foreach (var caller in admitted.Where(c => c != "forged"))
                        {
                            Interlocked.Increment(ref calls);
                            var (status, text) = await CallAsync(path, null, caller, null);
                            foreach (var (value, visibleTo) in read.Leaks)
                            {
                                var sees = visibleTo.Contains(caller);
                                if (sees && (status != 200 || !text.Contains(value, StringComparison.Ordinal)))
                                {
                                    findings.Add($"{id} {path} as {caller}: {status}, should show '{value}': {Shorten(text)}");
                                }
                                else if (!sees && status is >= 200 and < 300 && text.Contains(value, StringComparison.Ordinal))
                                {
                                    findings.Add($"{id} {path} as {caller}: shows '{value}', which is not the caller's to see");
                                }
                                else if (!sees && status is not (200 or 403 or 404))
                                {
                                    findings.Add($"{id} {path} as {caller}: {status}, expected 200 without '{value}', 403 or 404");
                                }
                            }

                            if (read.Leaks.Count == 0 && status is not (>= 200 and < 300))
                            {
                                findings.Add($"{id} {path} as {caller}: {status}, but the policy admits the caller: {Shorten(text)}");
                            }
                        }
                    }
                }
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // roll-ups flush every 100 ms: let any change land
        var after = await snapshots.TakeAsync();
        var changes = Snapshots.Compare(before, after, "after the suite").ToList();
        log?.WriteLine($"access suite: {operations} operations, {calls} calls, {findings.Count} findings, {changes.Count} state changes");
        foreach (var finding in findings.Order(StringComparer.Ordinal))
        {
            log?.WriteLine($"FINDING {finding}");
        }

        foreach (var change in changes)
        {
            log?.WriteLine($"CHANGE {change}");
        }

        return new AccessResult(operations, calls, findings.Order(StringComparer.Ordinal).ToList(), changes);
    }

    private static List<(string Path, string? Body, Seed? Seed, Read? Read)> WritesOf(Fixtures f, string id, string verb, string template) =>
        Seeds.For(f, id, verb, template).Select(s => (Fill(s.Template, s.PathValues) + s.Query, s.Json, (Seed?)s, (Read?)null)).ToList();

    /// <summary>The path values of tenant A's things, and what of them only some callers may see.</summary>
    private static List<(string Path, string? Body, Seed? Seed, Read? Read)> ReadsOf(Fixtures f, string id, string template, JsonNode operation)
    {
        var y = f.Today.Year;
        string[] office = ["office", "admin"];
        string[] helperA = ["helperA", .. office];
        var values = new Dictionary<string, string>
        {
            ["code"] = f.TownshipA, ["creditCode"] = f.Enterprise, ["userName"] = f.Account, ["helperId"] = f.HelperA, ["track"] = "health", ["format"] = "csv", ["period"] = $"{y}Q1", ["kind"] = "reports",
            ["id"] = id switch
            {
                "GetProject" or "GetProjectBoard" or "GetProjectHistory" or "GetProjectChanges" => f.ProjectA,
                "GetPairing" or "GetPairingBoard" or "GetPairingHistory" => f.PairingA,
                "GetMatter" or "GetMatterHistory" => f.MatterA,
                "GetNeed" or "GetNeedCandidates" or "GetNeedHistory" => f.NeedA,
                "GetExpertTeamHistory" => f.TeamA,
                "GetPlatformHistory" => f.Platform,
                "GetWebhookHistory" => f.Webhook,
                "GetHelperHistory" => f.HelperA,
                "GetApiKeyHistory" => f.KeyIds["helperA"],
                "GetVisit" => f.VisitA,
                "GetExpertTeam" => f.TeamA,
                "GetPlatform" => f.Platform,
                "GetReport" => f.ReportA,
                "ListWebhookDeliveries" or "ListWebhookDeadLetters" => f.Webhook,
                "GetHelper" => f.HelperA,
                _ => "",
            },
        };
        var names = (operation["parameters"] as JsonArray ?? []).Where(p => (string?)p!["in"] == "path").Select(p => (string)p!["name"]!).ToList();
        if (names.Any(n => !values.TryGetValue(n, out var v) || v.Length == 0))
        {
            return [];
        }

        var path = Fill(template, names.ToDictionary(n => n, n => values[n]));
        (string, string[])[] leaks = id switch
        {
            "GetReport" => [(f.ReportA, [.. helperA, "localityA"]), (f.KeyIds["helperA"], helperA)],
            "ListReports" => [(f.ReportA, [.. helperA, "localityA"]), (f.ReportB, ["helperB", "localityB", .. office]), (f.ReportE, ["enterprise", "localityA", .. office]),
                (f.KeyIds["helperA"], helperA)],
            "ListForReview" => [(f.ReportA, office)],
            "GetNeed" => [(f.NeedNote, ["localityA", .. office])],
            "ListNeeds" => [(f.NeedNote, [])],
            "GetMatter" => [(f.MatterA, helperA)],
            "ListMatters" => [(f.MatterA, helperA), (f.MatterB, ["helperB", .. office])],
            "GetVisit" => [(f.VisitA, Callers), ("张三", helperA)],
            "ListVisits" => [("张三", ["helperA", "helperB", .. office])],
            "GetExpertTeam" => [(f.TeamA, Callers), (f.KeyIds["helperA"], helperA)],
            "GetProjectHistory" => [(f.KeyIds["office"], helperA)],
            "ListPeriods" => [(f.PairingA2, office)],
            "ListApiKeys" => [(f.KeyIds["helperA"], ["admin"])],
            _ => [],
        };
        var query = id switch
        {
            "ListPeriods" => $"?year={y - 1}",
            "ListReports" or "ListForReview" => $"?year={y}&size=200",
            _ => $"?year={y}",
        };
        return [(path + query, null, null, new Read(path + query, leaks))];
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(template, (path, v) => path
            .Replace($"{{{v.Key}}}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal)
            .Replace($"{{{v.Key}:guid}}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal));

    private static async Task<(int Status, string Text)> SendAsync(
        HttpClient http, Fixtures f, string verb, string path, string? body, string caller, Seed? seed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(verb), path);
            if (f.Keys.GetValueOrDefault(caller) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (seed?.Raw is { } raw)
            {
                request.Content = new ByteArrayContent(raw);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", seed.RawContentType);
            }
            else if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            if (seed?.IdempotencyKey == true)
            {
                request.Headers.Add("Idempotency-Key", $"access-{Guid.NewGuid():N}");
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode == 429 && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1), cancellationToken);
                continue;
            }

            return ((int)response.StatusCode, text);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>What the authorisation suite found: nothing, when it passed.</summary>
public sealed record AccessResult(int Operations, int Calls, IReadOnlyList<string> Findings, IReadOnlyList<string> StateChanges)
{
    public bool Passed => Findings.Count == 0 && StateChanges.Count == 0;
}
