using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bijie.Actors.Fuzz;

/// <summary>
/// Fuzzes the API of a running host. It makes its own fixtures with the admin key, reads the write operations from
/// the host's OpenAPI document (new endpoints are fuzzed without changes here), and then runs in two phases:
/// <list type="number">
/// <item>Refused: requests that must not succeed — no key, a forged, tampered or revoked key, a viewer's key,
/// another tenant's or a lesser role's key with an otherwise valid request, and the owner's key with a broken
/// body (invalid JSON, wrong types, deep nesting, over 1 MiB, wrong content type, undefined enum members,
/// invalid codes, dates and numbers, unknown references), bad headers or unknown or malformed path values. Any
/// 2xx is a finding, and the state read through the API before and after must be the same.</item>
/// <item>Odd: the owner's key writing its own things with well-formed but hostile content (injection strings and
/// Unicode edge cases in every text field, borderline codes, dates and numbers, missing, null and extra fields),
/// and reads with mutated paths and queries. Any status but 5xx will do; the other tenant's things must not change.</item>
/// </list>
/// Every 4xx must be application/problem+json with a title; no answer may be a 5xx.
/// </summary>
public static class FuzzRunner
{
    private static readonly string[] WriteMethods = ["post", "put", "delete", "patch"];

    /// <summary>The host's default body limit (Bijie:Api:MaxBodyBytes).</summary>
    private const int MaxBodyBytes = 1_048_576;

    public static async Task<FuzzResult> RunAsync(FuzzOptions options, CancellationToken cancellationToken = default)
    {
        var log = options.Log;
        var clock = Stopwatch.StartNew();
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = Math.Max(4, options.Parallelism * 2), PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(100) };

        var fixtures = await Fixtures.CreateAsync(http, options.AdminKey, log);
        var document = JsonNode.Parse(await new Fixtures.Api(http, options.AdminKey).TextAsync("/openapi/v1.json"))!;
        var operations = Operations(document).ToList();
        log?.WriteLine($"{operations.Count(o => o.Write)} write and {operations.Count(o => !o.Write)} read operations in /openapi/v1.json");

        var rng = new Random(options.Seed);
        var generator = new Generator(fixtures, rng);
        var refused = Interleave(operations.Where(o => o.Write).Select(generator.Refused), rng);
        var odd = Interleave(operations.Where(o => o.Write).Select(generator.Odd), rng);
        var reads = Interleave(operations.Where(o => !o.Write).Select(generator.Reads), rng);
        var refusedCount = (int)(options.Count * 0.6);
        var readCount = (int)(options.Count * 0.1);
        var oddCount = options.Count - refusedCount - readCount;

        var stats = new ConcurrentDictionary<string, int[]>();
        var findings = new ConcurrentBag<FuzzFinding>();
        var snapshots = new Snapshots(http, fixtures);
        var before = await snapshots.TakeAsync();

        var phaseA = Cycle(refused, refusedCount);
        log?.WriteLine($"phase 1: {phaseA.Count} requests that must be refused");
        var documented = operations.ToDictionary(o => o.Id, o => o.Statuses);
        await SendAllAsync(http, phaseA, options.Parallelism, documented, stats, findings, log, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // roll-ups flush every 100 ms: let any change land
        var after = await snapshots.TakeAsync();
        var changes = Snapshots.Compare(before, after, "after the refused requests").ToList();

        var phaseB = Cycle(reads, readCount).Concat(Cycle(odd, oddCount)).ToList();
        log?.WriteLine($"phase 2: {phaseB.Count} reads and odd writes by the owners");
        await SendAllAsync(http, phaseB, options.Parallelism, documented, stats, findings, log, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var final = await snapshots.TakeAsync();
        changes.AddRange(Snapshots.Compare(before.Where(s => s.Key.OtherTenant), final.Where(s => s.Key.OtherTenant), "of the other tenant after the odd writes"));

        var byOperation = stats.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new OperationStats(s.Key, s.Value.Sum(), s.Value[0], s.Value[1], s.Value[2], s.Value[3])).ToList();
        return new FuzzResult(options.Seed, phaseA.Count + phaseB.Count, clock.Elapsed, operations.Count, byOperation,
            findings.OrderBy(f => f.Kind).ThenBy(f => f.Operation).ToList(), changes)
        {
            Refused = phaseA.Count,
            Accepted = phaseB.Count,
        };
    }

    /// <summary>An operation of the OpenAPI document.</summary>
    internal sealed record Operation(string Id, string Method, string Template, bool HasBody, JsonNode? BodySchema, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonNode Document)
    {
        /// <summary>The statuses the document says the operation answers.</summary>
        public IReadOnlySet<int> Statuses { get; init; } = new HashSet<int>();

        public bool Write => Method != "GET";
    }

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in WriteMethods.Append("get"))
            {
                if (item![method] is not JsonObject op)
                {
                    continue;
                }

                var parameters = (op["parameters"] as JsonArray ?? []).Select(p => p!).ToList();
                var body = op["requestBody"]?["content"] as JsonObject;
                yield return new Operation(
                    (string?)op["operationId"] ?? $"{method.ToUpperInvariant()} {path}",
                    method.ToUpperInvariant(),
                    path,
                    body is not null,
                    body?.FirstOrDefault().Value?["schema"],
                    parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList(),
                    parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList(),
                    document) { Statuses = DocumentedStatuses.Of(op) };
            }
        }
    }

    /// <summary>Round robin over the operations' shuffled lists, so that a short run still reaches every operation.</summary>
    private static IEnumerable<FuzzCase> Interleave(IEnumerable<List<FuzzCase>> perOperation, Random rng)
    {
        var queues = perOperation.Where(l => l.Count > 0).Select(l => new Queue<FuzzCase>(l.OrderBy(_ => rng.Next()))).ToList();
        while (queues.Count > 0)
        {
            foreach (var q in queues.ToList())
            {
                yield return q.Dequeue();
                if (q.Count == 0)
                {
                    queues.Remove(q);
                }
            }
        }
    }

    /// <summary>The first N cases; a run longer than the cases there are sends them again (a retry must be refused as the first was).</summary>
    private static List<FuzzCase> Cycle(IEnumerable<FuzzCase> cases, int n)
    {
        var all = cases.ToList();
        return all.Count == 0 ? [] : Enumerable.Range(0, n).Select(i => all[i % all.Count]).ToList();
    }

    private static async Task SendAllAsync(HttpClient http, List<FuzzCase> cases, int parallelism, IReadOnlyDictionary<string, IReadOnlySet<int>> documented, ConcurrentDictionary<string, int[]> stats,
        ConcurrentBag<FuzzFinding> findings, TextWriter? log, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            var (status, contentType, body, error) = await SendAsync(http, c, ct);
            var counts = stats.GetOrAdd(c.Operation, _ => new int[4]);
            Interlocked.Increment(ref counts[status is >= 200 and < 300 ? 0 : status is >= 400 and < 500 ? 1 : status >= 500 ? 2 : 3]);
            foreach (var finding in Check(c, status, contentType, body, error, documented.GetValueOrDefault(c.Operation)))
            {
                findings.Add(finding);
                log?.WriteLine($"FINDING {finding.Kind}: {finding.Method} {Shorten(finding.Path, 200)} [{finding.Key}; {finding.Mutation}] → {finding.Status} {Shorten(finding.Detail, 300)}");
            }
        });
    }

    private static async Task<(int Status, string? ContentType, string Body, string? Error)> SendAsync(HttpClient http, FuzzCase c, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
            if (c.Authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", c.Authorization);
            }

            if (c.Body is not null)
            {
                request.Content = new ByteArrayContent(c.Body);
                request.Content.Headers.Remove("Content-Type");
                if (c.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
                }
            }

            foreach (var (name, value) in c.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            try
            {
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode == 429 && attempt < 30)
                {
                    // The host's rate limit, not the fuzz: wait as told and send the same request again.
                    await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1), ct);
                    continue;
                }

                return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, null);
            }
            catch (HttpRequestException e)
            {
                return (0, null, "", e.Message);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                return (0, null, "", $"timed out: {e.Message}");
            }
        }
    }

    private static IEnumerable<FuzzFinding> Check(FuzzCase c, int status, string? contentType, string body, string? error, IReadOnlySet<int>? documented)
    {
        FuzzFinding Finding(string kind, string detail) => new(kind, c.Operation, c.Method, c.Path, c.Mutation, c.KeyName, status, detail);
        if (error is not null)
        {
            // Kestrel answers a body over the limit (1 MiB) with 413 and closes the connection while the client is
            // still sending: the refusal, not a failure. Any other request must be answered.
            if (c.Body is not { Length: > MaxBodyBytes })
            {
                yield return Finding("no-answer", error);
            }

            yield break;
        }

        if (status >= 500)
        {
            yield return Finding("5xx", body);
        }
        else if (status is >= 300 and < 400)
        {
            yield return Finding("redirect", body);
        }
        else if (status == 400 && body.Length == 0 && c.Path.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel refuses a NUL in the path before the application sees the request: nothing to answer with.
        }
        else if (status >= 400 && !IsProblem(contentType, body))
        {
            yield return Finding("not-problem-details", $"{contentType}: {body}");
        }

        // The document is what clients code against: an answer it does not list is a finding, whatever the status.
        // An empty path value ("/api/v1/webhooks/") routes to another operation, which may not take the method (405).
        var anotherRoute = c.Path.Split('?')[0].EndsWith('/') || c.Path.Contains("//", StringComparison.Ordinal);
        if (documented is not null && !documented.Contains(status) && !anotherRoute
            && !(status == 400 && body.Length == 0 && c.Path.Contains("%00", StringComparison.Ordinal)))
        {
            yield return Finding("undocumented-status", $"the document lists {string.Join(", ", documented.Order())}; answered {status}: {body}");
        }

        if (c.Expect == Expectation.Refuse && status is >= 200 and < 300)
        {
            yield return Finding(c.Why switch
            {
                "auth" => "accepted-without-valid-key",
                "tenant" => "accepted-for-another-tenant-or-role",
                _ => "accepted-invalid-input",
            }, body);
        }
    }

    private static bool IsProblem(string? contentType, string body)
    {
        if (contentType != "application/problem+json")
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(body) is JsonObject o && o["title"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && ((string?)t)?.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + $"… ({s.Length} chars)";

    /// <summary>Prints the summary: requests by operation and status class, the findings, the state changes.</summary>
    public static void Print(FuzzResult result, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"operation",-34} {"requests",8} {"2xx",6} {"4xx",6} {"5xx",6} {"other",6}");
        foreach (var s in result.ByOperation)
        {
            output.WriteLine($"{Shorten(s.Operation, 34),-34} {s.Requests,8} {s.Status2xx,6} {s.Status4xx,6} {s.Status5xx,6} {s.Other,6}");
        }

        output.WriteLine($"{"total",-34} {result.Requests,8} {result.ByOperation.Sum(s => s.Status2xx),6} {result.ByOperation.Sum(s => s.Status4xx),6} {result.ByOperation.Sum(s => s.Status5xx),6} {result.ByOperation.Sum(s => s.Other),6}");
        output.WriteLine();
        output.WriteLine($"seed {result.Seed}: {result.Requests} requests ({result.Refused} that must be refused, {result.Accepted} reads and odd writes) over {result.Operations} operations in {result.Elapsed.TotalSeconds:F1} s");
        foreach (var group in result.Findings.GroupBy(f => f.Kind))
        {
            output.WriteLine($"{group.Key}: {group.Count()}");
            foreach (var f in group.DistinctBy(f => (f.Operation, f.Mutation)).Take(25))
            {
                output.WriteLine($"  {f.Method} {Shorten(f.Path, 120)} [{f.Key}; {Shorten(f.Mutation, 80)}] → {f.Status} {Shorten(f.Detail.ReplaceLineEndings(" "), 240)}");
            }
        }

        foreach (var change in result.StateChanges)
        {
            output.WriteLine($"state change: {Shorten(change, 600)}");
        }

        output.WriteLine(result.Passed ? "findings: 0" : $"findings: {result.Findings.Count} (5xx {result.Findings.Count(f => f.Kind == "5xx")}), state changes: {result.StateChanges.Count}");
    }

    /// <summary>Builds the cases of each operation.</summary>
    private sealed class Generator(Fixtures f, Random rng)
    {
        private static readonly string[] BadKeys = ["anonymous", "forged", "revoked", "tampered", "viewer"];

        private string NewGuid()
        {
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }

        private List<Seed> SeedsOf(Operation op)
        {
            var seeds = Seeds.For(f, op.Id, op.Method, op.Template).ToList();
            if (seeds.Count == 0)
            {
                // Not known here (a new endpoint): a body from its schema, the office's key, fixtures' ids in its path.
                var json = op.HasBody ? SchemaSample.Of(op.BodySchema, op.Document, f)?.ToJsonString() : null;
                seeds.Add(new Seed(op.Id, op.Method, op.Template, op.PathParameters.ToDictionary(p => p, p => DefaultPathValue(op.Template, p)), json, "office", [], Odd: true));
            }

            return seeds;
        }

        private string DefaultPathValue(string template, string name)
        {
            var before = template.Split('/').TakeWhile(s => !s.StartsWith($"{{{name}", StringComparison.Ordinal)).LastOrDefault() ?? "";
            return (name, before) switch
            {
                ("code", _) => "5205",
                ("creditCode", _) => f.Enterprise,
                ("helperId", _) => f.HelperA,
                ("track", _) => "health",
                ("format", _) => "csv",
                ("period", _) => $"{f.Today.Year}Q1",
                ("subjectId", _) => f.PairingA,
                ("kind", _) => "helpers",
                ("entryId", _) => f.BatchA,
                ("id", "pairings") => f.PairingA,
                ("id", "projects") => f.ProjectA,
                ("id", "matters") => f.MatterA,
                ("id", "needs") => f.Need,
                ("id", "visits") => f.VisitA,
                ("id", "expert-teams") => f.TeamA,
                ("id", "platforms") => f.Platform,
                ("id", "webhooks") => f.Webhook,
                ("id", "reports") => f.ReportA,
                ("id", "helpers") => f.HelperA,
                ("id", "inbox") => NewGuid(),
                ("id", "api-keys") => f.KeyIds["viewer"],
                _ => "fuzz",
            };
        }

        private FuzzCase Case(Seed s, string keyName, Expectation expect, string why, string mutation, string? json = null, byte[]? raw = null,
            string? contentType = "application/json", IReadOnlyDictionary<string, string>? path = null, string? authorization = null,
            IEnumerable<KeyValuePair<string, string>>? headers = null, bool useSeedBody = true)
        {
            var values = path ?? s.PathValues;
            var url = s.Template;
            foreach (var (name, value) in values)
            {
                url = url.Replace($"{{{name}}}", Mutations.Segment(value), StringComparison.Ordinal);
            }

            url += s.Query;
            var body = raw ?? (json is null ? null : Encoding.UTF8.GetBytes(json));
            if (body is null && useSeedBody && s.Json is not null)
            {
                body = Encoding.UTF8.GetBytes(s.Json);
            }
            else if (body is null && useSeedBody && s.Raw is not null)
            {
                body = s.Raw;
                contentType = contentType == "application/json" ? s.RawContentType : contentType;
            }

            var all = new List<KeyValuePair<string, string>>();
            if (s.IdempotencyKey)
            {
                all.Add(new("Idempotency-Key", NewGuid()));
            }

            foreach (var h in headers ?? [])
            {
                all.RemoveAll(x => x.Key == h.Key);
                if (h.Value.Length > 0 || h.Key != "Idempotency-Key")
                {
                    all.Add(h);
                }
            }

            var token = keyName == "anonymous" ? null : f.Keys.GetValueOrDefault(keyName);
            return new FuzzCase(s.Operation, s.Method, url, keyName, authorization ?? (token is null ? null : $"Bearer {token}"),
                body, body is null ? null : contentType, all, expect, mutation, why);
        }

        /// <summary>Requests that must be refused.</summary>
        public List<FuzzCase> Refused(Operation op)
        {
            var cases = new List<FuzzCase>();
            foreach (var s in SeedsOf(op))
            {
                // Keys: none, forged, tampered, revoked, a viewer's; malformed Authorization headers.
                foreach (var key in BadKeys)
                {
                    cases.Add(Case(s, key, Expectation.Refuse, "auth", $"key:{key}"));
                }

                foreach (var header in new[] { "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer bjk_", "Bearer bjk_0123456789abcdef_short", $"Bearer {new string('A', 8_000)}",
                             $"bearer {f.Keys["forged"]}", $"Bearer {f.Keys["office"]}x", $"Bearer {f.Keys["office"]![..^1]}", $"Bearer {f.Keys["office"]!.ToUpperInvariant()}",
                             $"Bearer {f.Keys["office"]}, Bearer {f.Keys["admin"]}" })
                {
                    cases.Add(Case(s, "malformed", Expectation.Refuse, "auth", $"authorization:{Shorten(header, 40)}", authorization: header));
                }

                // Another tenant's key, or a role that may not: the request is otherwise valid.
                foreach (var key in s.Wrong)
                {
                    cases.Add(Case(s, key, Expectation.Refuse, "tenant", $"key:{key}"));
                }

                cases.AddRange(BrokenBodies(s));
                cases.AddRange(BadFields(s));
                cases.AddRange(BadHeaders(s));
                cases.AddRange(BadPaths(s));
            }

            return cases;
        }

        private IEnumerable<FuzzCase> BrokenBodies(Seed s)
        {
            if (s.Json is null)
            {
                yield break;
            }

            foreach (var (name, body) in Values.BrokenBodies(s.Json))
            {
                yield return Case(s, s.Owner, Expectation.Refuse, "input", $"body:{name}", json: body);
            }

            foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", null })
            {
                yield return Case(s, s.Owner, Expectation.Refuse, "input", $"content-type:{type ?? "none"}", contentType: type);
            }
        }

        private IEnumerable<FuzzCase> BadFields(Seed s)
        {
            if (s.Json is null)
            {
                yield break;
            }

            foreach (var field in Mutations.Fields(s.Json))
            {
                foreach (var raw in Values.WrongTypes(field.ValueKind))
                {
                    yield return Case(s, s.Owner, Expectation.Refuse, "input", $"type:{field.Path}={raw}", json: Mutations.Replace(s.Json, field, raw));
                }

                IEnumerable<string> bad = field.Kind switch
                {
                    FieldKind.Code => Values.BadCodes.Select(Values.Str),
                    FieldKind.CreditCode => Values.BadCreditCodes(f.Enterprise).Select(Values.Str),
                    FieldKind.Date => Values.BadDates,
                    FieldKind.Number => Values.BadNumbers,
                    FieldKind.Enum => Values.BadEnums,
                    FieldKind.Reference => Values.Injections.Append("").Append("   ").Append(new string('x', 300)).Append(new string('x', 5_000)).Select(Values.Str).Concat(Values.Unicode),
                    FieldKind.Url => new[] { "javascript:alert(1)", "file:///etc/passwd", "ftp://x/y", "http://", "not a url", "http://x/" + new string('a', 600), "//x/y" }.Select(Values.Str),
                    FieldKind.Text => [Values.Str(new string('字', 400_000))], // 1.2 MB of UTF-8: over the body limit
                    _ => [],
                };
                foreach (var raw in bad)
                {
                    yield return Case(s, s.Owner, Expectation.Refuse, "input", $"value:{field.Path}={Shorten(raw, 40)}", json: Mutations.Replace(s.Json, field, raw));
                }
            }

            if (s.Operation == "SubmitReport")
            {
                foreach (var values in new[] { "{\"no_such_indicator\":1}", "{\"research_visit_batches\":1}", "{\"clinic_person_times\":-5}", "{\"\":1}", "{\"clinic_person_times\":0.5}" })
                {
                    var field = Mutations.Fields(s.Json).First(x => x.Path == "values");
                    yield return Case(s, s.Owner, Expectation.Refuse, "input", $"values:{values}", json: Mutations.Replace(s.Json, field, values));
                }
            }
        }

        private IEnumerable<FuzzCase> BadHeaders(Seed s)
        {
            if (s.IdempotencyKey)
            {
                foreach (var key in new[] { new string('k', 16_000), "a\tb", "\u0001x", "x\u007fy", "   ", "" })
                {
                    yield return Case(s, s.Owner, Expectation.Refuse, "input", $"idempotency-key:{Shorten(key, 20)}", headers: [new("Idempotency-Key", key)]);
                }
            }

            if (s.IfMatch)
            {
                foreach (var tag in new[] { "garbage", "\"abc\"", "\"99999\"", "W/\"-5\"", "\"\"", "\"1\", \"2\"", "\"2147483648\"", "\"1e3\"", new string('"', 5_000) })
                {
                    yield return Case(s, s.Owner, Expectation.Refuse, "input", $"if-match:{Shorten(tag, 20)}", headers: [new("If-Match", tag)]);
                }
            }
        }

        private IEnumerable<FuzzCase> BadPaths(Seed s)
        {
            foreach (var name in s.PathValues.Keys)
            {
                var values = Values.Injections.Concat(Values.Unicode.Select(Mutations.Decode)).Append(new string('a', 5_000)).Append("%").Append("a b")
                    .Append("\uff46\uff55\uff5a\uff5a").Append(s.PathValues[name] + "\u0000")
                    // "{guid} " is the same GUID to the route's constraint (Guid.TryParse trims): not a mutation.
                    .Concat(Guid.TryParse(s.PathValues[name], out _) ? [] : new[] { s.PathValues[name] + " " })
                    .Concat(name == "creditCode" ? Values.BadCreditCodes(f.Enterprise) : [])
                    .Concat(name == "period" ? new[] { "2025Q5", "2025Q0", "\uff11\uff12\uff13\uff14Q1", "2025q1", "0000Q1", "99999Q1" } : []);
                foreach (var value in values.Where(v => v.Trim().Length > 0 || v.Length == 0))
                {
                    var path = new Dictionary<string, string>(s.PathValues) { [name] = value };
                    // Taking back an exception that is not there changes nothing and answers 200, as a repeated DELETE does.
                    var expect = s.Operation == "RevokePeriodException" && name == "subjectId" ? Expectation.Any : Expectation.Refuse;
                    yield return Case(s, s.Owner, expect, "input", $"path:{name}={Shorten(value, 30)}", path: path);
                }
            }
        }

        /// <summary>The owner's well-formed but odd writes: any status but 5xx.</summary>
        public List<FuzzCase> Odd(Operation op)
        {
            var cases = new List<FuzzCase>();
            foreach (var s in SeedsOf(op).Where(s => s.Odd))
            {
                cases.Add(Case(s, s.Owner, Expectation.Any, "odd", "seed"));
                if (s.IfMatch)
                {
                    cases.Add(Case(s, s.Owner, Expectation.Any, "odd", "if-match:*", headers: [new("If-Match", "*")]));
                }

                if (s.Raw is not null)
                {
                    cases.AddRange(OddImports(s));
                }

                if (s.Json is null)
                {
                    continue;
                }

                foreach (var field in Mutations.Fields(s.Json))
                {
                    IEnumerable<string> odd = field.Kind switch
                    {
                        FieldKind.Code => Values.BorderCodes.Select(Values.Str).Concat(Values.OddText()),
                        FieldKind.Date => Values.BorderDates,
                        FieldKind.Number => Values.BorderNumbers,
                        FieldKind.Text or FieldKind.Reference or FieldKind.Url or FieldKind.CreditCode or FieldKind.Enum => Values.OddText(),
                        _ => [],
                    };
                    foreach (var raw in odd.Append("null"))
                    {
                        cases.Add(Case(s, s.Owner, Expectation.Any, "odd", $"value:{field.Path}={Shorten(raw, 40)}", json: Mutations.Replace(s.Json, field, raw)));
                    }

                    cases.Add(Case(s, s.Owner, Expectation.Any, "odd", $"missing:{field.Path}", json: Mutations.Replace(s.Json, field, null)));
                }

                foreach (var (name, raw) in new[] { ("zzz", "1"), ("__proto__", "{\"admin\":true}"), ("role", "\"Admin\""), ("createdBy", "\"admin\""), ("version", "99") })
                {
                    if (Mutations.AddProperty(s.Json, name, raw) is { } extra)
                    {
                        cases.Add(Case(s, s.Owner, Expectation.Any, "odd", $"extra:{name}", json: extra));
                    }
                }
            }

            return cases;
        }

        private IEnumerable<FuzzCase> OddImports(Seed s)
        {
            var csv = Encoding.UTF8.GetString(s.Raw!);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var cells = lines[1].Split(',');
            foreach (var dryRun in new[] { "true", "false" })
            {
                var query = $"?dryRun={dryRun}";
                var seed = s with { Query = query };
                for (var i = 0; i < cells.Length; i++)
                {
                    foreach (var raw in Values.OddText().Select(Mutations.Decode).Where(v => v.Length < 10_000))
                    {
                        var row = cells.ToArray();
                        row[i] = "\"" + raw.Replace("\"", "\"\"") + "\"";
                        yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:cell{i}={Shorten(raw, 30)}", raw: Encoding.UTF8.GetBytes(lines[0] + "\r\n" + string.Join(',', row) + "\r\n"), contentType: "text/csv");
                    }
                }

                var junk = new byte[4096];
                rng.NextBytes(junk);
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:random-bytes", raw: junk, contentType: "text/csv");
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:as-xlsx", raw: s.Raw, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:zip-bomb-header", raw: [0x50, 0x4B, 0x03, 0x04, .. junk], contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:header-only", raw: Encoding.UTF8.GetBytes(lines[0] + "\r\n"), contentType: "text/csv");
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:empty", raw: [], contentType: "text/csv");
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:many-columns", raw: Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 5000)) + "\r\n" + string.Join(',', Enumerable.Range(0, 5000)) + "\r\n"), contentType: "text/csv");
                yield return Case(seed, s.Owner, Expectation.Any, "odd", $"csv:{dryRun}:invalid-utf8", raw: [.. Encoding.UTF8.GetBytes(lines[0] + "\r\n"), 0xED, 0xA0, 0x80, 0xFF, 0xFE, (byte)'\r', (byte)'\n'], contentType: "text/csv");
            }

            foreach (var format in new[] { "xlsx", "csv", "pdf", "'; DROP", "" })
            {
                yield return Case(s with { Query = $"?dryRun=true&format={Uri.EscapeDataString(format)}" }, s.Owner, Expectation.Any, "odd", $"csv:format={format}");
            }
        }

        /// <summary>Reads with mutated path and query values, by an anonymous caller and the office.</summary>
        public List<FuzzCase> Reads(Operation op)
        {
            var cases = new List<FuzzCase>();
            var seed = new Seed(op.Id, op.Method, op.Template, op.PathParameters.ToDictionary(p => p, p => DefaultPathValue(op.Template, p)), null, "office", []);
            var odd = Values.Injections.Concat(Values.Unicode.Select(Mutations.Decode)).Concat(Values.BadCodes).Concat(["-1", "0", "2147483648", "99999999999", "1e3", "abc", "\uff15", new string('9', 400)]).ToList();
            foreach (var key in new[] { "anonymous", "office" })
            {
                cases.Add(Case(seed, key, Expectation.Any, "read", "seed"));
                foreach (var name in op.PathParameters)
                {
                    foreach (var value in odd.Where(v => v.Trim().Length > 0))
                    {
                        cases.Add(Case(seed, key, Expectation.Any, "read", $"path:{name}={Shorten(value, 30)}", path: new Dictionary<string, string>(seed.PathValues) { [name] = value }));
                    }
                }

                foreach (var name in op.QueryParameters)
                {
                    foreach (var value in odd)
                    {
                        cases.Add(Case(seed with { Query = $"?{name}={Mutations.Segment(value)}" }, key, Expectation.Any, "read", $"query:{name}={Shorten(value, 30)}"));
                    }
                }
            }

            return cases;
        }
    }
}
