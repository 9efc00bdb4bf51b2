using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bijie.Actors.Client;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The typed client (src/Bijie.Actors.Client) is written by hand against the API; this keeps the two from drifting.
/// Every public call of the client is made against a real host, and each request it sends must be an operation of the
/// host's OpenAPI document (path, method, query parameters), answered with a status the document lists; every property
/// of the client's models must be in the document's schema for that body, with a type that reads it, and every field
/// the document requires of a request body must be one the client sends.
/// </summary>
public sealed class ClientDriftTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private sealed record Call(string Method, string Path, int Status, string? MediaType);

    private sealed class Recorder() : DelegatingHandler(new HttpClientHandler())
    {
        public ConcurrentQueue<Call> Calls { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Calls.Enqueue(new Call(request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            return response;
        }
    }

    [Fact]
    public async Task Every_call_of_the_typed_client_is_a_documented_operation_and_its_models_match_the_documents_schemas()
    {
        using var anonymous = fixture.Client();
        var text = await anonymous.GetStringAsync("/openapi/v1.json");
        Directory.CreateDirectory(BrowserFixture.Artifacts);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.Artifacts, "openapi.json"), text);
        var document = JsonNode.Parse(text)!;
        var recorder = new Recorder();
        var client = new BijieClient(new HttpClient(recorder) { BaseAddress = fixture.Host.Http.BaseAddress }, new BijieClientOptions { ApiKey = fixture.AdminKey, MaxAttempts = 1 });

        var code = TestEnvironment.NewCreditCode();
        const string Village = "520502003001";
        Pairing? pairing = null;
        IssuedApiKey? key = null;
        ReportReceipt? receipt = null;

        // Each public call of the client, with the model types it sends (if any); the order lets later calls use what earlier ones made.
        var calls = new List<(string Name, Type? Sends, Func<Task<object>> Make)>
        {
            (nameof(BijieClient.GetLocalityAsync), null, async () => await client.GetLocalityAsync(Village)),
            (nameof(BijieClient.GetBoardAsync), null, async () => await client.GetBoardAsync(Village, 2023)),
            (nameof(BijieClient.RegisterEnterpriseAsync), typeof(Enterprise), async () => await client.RegisterEnterpriseAsync(new Enterprise(code, "漂移检查企业", "食品", "贵州"))),
            (nameof(BijieClient.GetStaffAsync), null, async () => await client.GetStaffAsync()),
            (nameof(BijieClient.GetActivationsAsync), null, async () => await client.GetActivationsAsync()),
            (nameof(BijieClient.ListLedgerDigestsAsync), null, async () => await client.ListLedgerDigestsAsync()),
            (nameof(BijieClient.StartPairingAsync), typeof(NewPairing), async () => pairing = await client.StartPairingAsync(
                new NewPairing("EnterpriseVillage", null, code, Village, null, null, new DateOnly(2023, 6, 1), "staff-020"))),
            (nameof(BijieClient.GetPairingAsync), null, async () => await client.GetPairingAsync(pairing!.Id)),
            (nameof(BijieClient.ListPairingsAsync), null, async () => await client.ListPairingsAsync(
                new PairingFilter(Locality: "520502", Enterprise: code, Year: 2023, Status: "active", Size: 10))),
            (nameof(BijieClient.ListAllPairingsAsync), null, async () => await client.ListAllPairingsAsync(new PairingFilter(Helper: "minge-central")).ToListAsync()),
            (nameof(BijieClient.SubmitReportAsync), typeof(NewReport), async () => receipt = await client.SubmitReportAsync(
                new NewReport(pairing!.Id, null, new DateOnly(2023, 9, 1), new Dictionary<string, decimal> { ["people_trained"] = 3 }, "漂移检查"))),
            (nameof(BijieClient.CheckReportAsync), typeof(NewReport), async () => await client.CheckReportAsync(
                new NewReport(pairing!.Id, null, new DateOnly(2023, 9, 2), new Dictionary<string, decimal> { ["people_trained"] = 2 }))),
            (nameof(BijieClient.GetReportAsync), null, async () => await client.GetReportAsync(receipt!.Id)),
            (nameof(BijieClient.GetIndicatorsAsync), null, async () => await client.GetIndicatorsAsync()),
            (nameof(BijieClient.IssueApiKeyAsync), typeof(NewApiKey), async () => key = await client.IssueApiKeyAsync(new NewApiKey("漂移检查", "Enterprise", code))),
            (nameof(BijieClient.RevokeApiKeyAsync), null, async () => await client.RevokeApiKeyAsync(key!.Key.Id)),
            (nameof(BijieClient.ExportReportLinesAsync), null, async () => await client.ExportReportLinesAsync("520502", 2023)),
        };

        // A call added to the client without a line here fails, so a new call cannot drift unseen.
        var publicCalls = typeof(BijieClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet();
        Assert.Empty(publicCalls.Except(calls.Select(c => c.Name)));

        var problems = new List<string>();
        foreach (var (name, sends, make) in calls)
        {
            recorder.Calls.Clear();
            var result = await make();
            Assert.NotEmpty(recorder.Calls);
            foreach (var call in recorder.Calls)
            {
                var where = $"{name}: {call.Method} {call.Path}";
                if (Find(document, call.Method, call.Path) is not { } operation)
                {
                    problems.Add($"{where} is not an operation of the document");
                    continue;
                }

                var query = call.Path.Contains('?', StringComparison.Ordinal) ? call.Path[(call.Path.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&') : [];
                var parameters = (operation["parameters"] as JsonArray ?? []).Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).ToHashSet();
                problems.AddRange(query.Select(q => q.Split('=')[0]).Where(q => !parameters.Contains(q)).Select(q => $"{where}: the query parameter '{q}' is not documented"));

                var status = call.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (operation["responses"]?[status] is not { } response)
                {
                    problems.Add($"{where}: answered {status}, which the document does not list");
                    continue;
                }

                if (sends is not null)
                {
                    var body = Resolve(document, operation["requestBody"]?["content"]?["application/json"]?["schema"]);
                    if (body is null)
                    {
                        problems.Add($"{where}: the client sends a {sends.Name}, the document takes no JSON body");
                    }
                    else
                    {
                        Compare(document, sends, body, $"{where} sends {sends.Name}", problems, request: true);
                    }
                }

                if (call.MediaType == "application/json" && result is not IEnumerable<ReportLine>)
                {
                    var type = result.GetType();
                    if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && name == nameof(BijieClient.ListAllPairingsAsync))
                    {
                        type = typeof(Page<Pairing>); // the pages it reads
                    }

                    var schema = Resolve(document, response["content"]?["application/json"]?["schema"]);
                    if (schema is null)
                    {
                        problems.Add($"{where}: the document shows no JSON body for {status}");
                    }
                    else
                    {
                        Compare(document, type, schema, $"{where} reads {Display(type)}", problems, request: false);
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_comparison_finds_a_renamed_property_and_a_number_read_as_text()
    {
        // The check above is only as good as this comparison: it must see drift when there is some.
        var schema = JsonNode.Parse("""{"type":"object","required":["code"],"properties":{"code":{"type":"string"},"count":{"type":"integer"}}}""")!;
        var problems = new List<string>();
        Compare(schema, typeof(Drifted), schema, "drifted", problems, request: true);
        Assert.Contains(problems, p => p.Contains("'name'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("drifted.count", StringComparison.Ordinal) && p.Contains("integer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'code'", StringComparison.Ordinal) && p.Contains("requires", StringComparison.Ordinal));
    }

    private sealed record Drifted(string Name, string Count);

    /// <summary>The operation whose path template matches the path (its query cut off) and whose method is the call's.</summary>
    private static JsonNode? Find(JsonNode document, string method, string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0];
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+\}", "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item![method.ToLowerInvariant()] is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        while (schema?["$ref"] is { } reference)
        {
            schema = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]];
        }

        return schema;
    }

    /// <summary>The JSON types a schema allows ("type" as a string or a list; the alternatives of oneOf/anyOf).</summary>
    private static HashSet<string> TypesOf(JsonNode document, JsonNode schema)
    {
        var types = new HashSet<string>();
        switch (schema["type"])
        {
            case JsonValue single:
                types.Add((string)single!);
                break;
            case JsonArray list:
                types.UnionWith(list.Select(t => (string)t!));
                break;
        }

        foreach (var alternative in (schema["oneOf"] as JsonArray ?? []).Concat(schema["anyOf"] as JsonArray ?? []))
        {
            types.UnionWith(TypesOf(document, Resolve(document, alternative)!));
        }

        if (types.Count == 0 && schema["properties"] is not null)
        {
            types.Add("object");
        }

        if (types.Count == 0 && schema["enum"] is JsonArray names && names.Any(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            types.Add("string");
        }

        return types;
    }

    /// <summary>The object shapes a schema allows: itself, or each of its alternatives.</summary>
    private static IEnumerable<JsonNode> Shapes(JsonNode document, JsonNode schema) =>
        schema["properties"] is not null
            ? [schema]
            : (schema["oneOf"] as JsonArray ?? []).Concat(schema["anyOf"] as JsonArray ?? []).Select(a => Resolve(document, a)!).SelectMany(a => Shapes(document, a));

    private static void Compare(JsonNode document, Type type, JsonNode schema, string where, List<string> problems, bool request)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var types = TypesOf(document, schema);
        string? expected = null;
        if (type == typeof(string) || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type.IsEnum)
        {
            expected = "string";
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            expected = "integer";
        }
        else if (type == typeof(decimal) || type == typeof(double))
        {
            expected = types.Contains("integer") ? "integer" : "number";
        }
        else if (type == typeof(bool))
        {
            expected = "boolean";
        }

        if (expected is not null)
        {
            // A text field may hold any JSON value written as text only if the schema says string; an integer reads as a number too.
            if (!types.Contains(expected) && !(expected == "number" && types.Contains("integer")))
            {
                problems.Add($"{where}: the client has {Display(type)}, the document {string.Join('|', types.Order())} ({schema.ToJsonString()})");
            }

            return;
        }

        if (type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) is { } dictionary)
        {
            if (schema["additionalProperties"] is not { } values)
            {
                problems.Add($"{where}: the client reads a map, the document has no additionalProperties");
                return;
            }

            Compare(document, dictionary.GetGenericArguments()[1], Resolve(document, values)!, $"{where}[*]", problems, request);
            return;
        }

        if (type.IsArray || (type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) && type != typeof(string)))
        {
            if (!types.Contains("array"))
            {
                problems.Add($"{where}: the client reads a list, the document {string.Join('|', types.Order())}");
                return;
            }

            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            Compare(document, element, Resolve(document, schema["items"])!, $"{where}[]", problems, request);
            return;
        }

        var shapes = Shapes(document, schema).ToList();
        if (shapes.Count == 0)
        {
            problems.Add($"{where}: the client reads {Display(type)} as an object, the document {string.Join('|', types.Order())}");
            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var property in properties)
        {
            var json = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var declared = shapes.Select(s => s["properties"]?[json]).FirstOrDefault(p => p is not null);
            if (declared is null)
            {
                problems.Add($"{where}: the client's '{json}' is not in the document's schema");
                continue;
            }

            Compare(document, property.PropertyType, Resolve(document, declared)!, $"{where}.{json}", problems, request);
        }

        if (request)
        {
            var names = properties.Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet();
            var required = shapes.SelectMany(s => s["required"] as JsonArray ?? []).Select(r => (string)r!).Distinct();
            problems.AddRange(required.Where(r => !names.Contains(r)).Select(r => $"{where}: the document requires '{r}', which the client does not send"));
        }
    }

    private static string Display(Type type) =>
        type.IsGenericType ? $"{type.Name.Split('`')[0]}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>" : type.Name;
}
