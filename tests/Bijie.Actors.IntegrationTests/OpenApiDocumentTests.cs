using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The OpenAPI document the host serves says what a client needs to call it: the product's title, how to authenticate,
/// a summary of every operation and a description of every parameter (an endpoint added without them fails here),
/// every error an operation answers, and the Idempotency-Key as the server takes it.
/// </summary>
public sealed class OpenApiDocumentTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private Task<JsonElement> DocumentAsync() => fixture.Host.GetJsonAsync("/openapi/v1.json");

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name))
            .Select(m => (path.Name, m.Name.ToUpperInvariant(), m.Value)));

    private static string Name((string Path, string Method, JsonElement Operation) o) =>
        o.Operation.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{o.Method} {o.Path}";

    private static string? Policy(JsonElement operation) =>
        operation.TryGetProperty("x-bijie-policy", out var policy) ? policy.GetString() : null;

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    [Fact]
    public async Task The_document_names_the_product_and_describes_the_api_key_and_the_session_cookie()
    {
        var document = await DocumentAsync();

        var info = document.GetProperty("info");
        Assert.Equal("毕节组团式帮扶平台 API · Bijie Pairing Assistance API", info.GetProperty("title").GetString());
        Assert.Equal("v1", info.GetProperty("version").GetString());
        var description = info.GetProperty("description").GetString()!;
        foreach (var subject in new[] { "bjk_", "bijie.session", "RFC 9457", "`code`", "429", "Retry-After", "Idempotency-Key", "If-Match" })
        {
            Assert.Contains(subject, description);
        }

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var apiKey = schemes.GetProperty("apiKey");
        Assert.Equal("http", apiKey.GetProperty("type").GetString());
        Assert.Equal("bearer", apiKey.GetProperty("scheme").GetString());
        Assert.Contains("bjk_", apiKey.GetProperty("description").GetString());
        var session = schemes.GetProperty("session");
        Assert.Equal("apiKey", session.GetProperty("type").GetString());
        Assert.Equal("cookie", session.GetProperty("in").GetString());
        Assert.Equal("bijie.session", session.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(session.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Every_property_of_every_schema_says_what_it_holds()
    {
        // A property schema with no type, no reference and no alternatives reads as "anything" to a generated client.
        var document = await DocumentAsync();
        var untyped = document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .SelectMany(schema => schema.Value.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object
                    && !new[] { "type", "$ref", "oneOf", "anyOf", "allOf", "enum", "const" }.Any(k => p.Value.TryGetProperty(k, out _))).Select(p => $"{schema.Name}.{p.Name}")
                : [])
            .ToList();
        Assert.True(untyped.Count == 0, $"{untyped.Count} properties without a type: {string.Join(", ", untyped.Take(40))}");
        var locality = document.GetProperty("components").GetProperty("schemas").GetProperty("LocalityDto").GetProperty("properties");
        Assert.Equal("string", locality.GetProperty("code").GetProperty("type").GetString());
        Assert.Equal(["null", "string"], locality.GetProperty("parentCode").GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_every_parameter_a_description()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();

        Assert.True(operations.Count >= 100, $"only {operations.Count} operations");
        var withoutSummary = operations.Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())).Select(Name).ToList();
        Assert.True(withoutSummary.Count == 0, "without a summary (WithSummary): " + string.Join(", ", withoutSummary));
        var withoutDescription = operations
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().Select(parameter => (Operation: Name(o), Parameter: parameter)) : [])
            .Where(p => !p.Parameter.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
            .Select(p => $"{p.Operation}: {p.Parameter.GetProperty("name").GetString()}")
            .ToList();
        Assert.True(withoutDescription.Count == 0,
            "parameters without a description (add them to src/Bijie.Actors.Web/OpenApi/ParameterDocumentation.cs): " + string.Join(", ", withoutDescription));
    }

    [Fact]
    public async Task Operations_that_need_credentials_require_a_scheme_and_answer_401_and_403_and_every_api_operation_answers_429_and_503()
    {
        var document = await DocumentAsync();
        var findings = new List<string>();
        foreach (var operation in Operations(document))
        {
            var (path, _, node) = operation;
            var name = Name(operation);
            var responses = node.GetProperty("responses");
            var policy = Policy(node);
            var security = node.TryGetProperty("security", out var s) ? s.EnumerateArray().ToList() : [];
            var anonymousAllowed = security.Count == 0 || security.Any(r => !r.EnumerateObject().Any());
            if (path.StartsWith("/api/", StringComparison.Ordinal) && policy is not ("anonymous" or "public-read") && anonymousAllowed)
            {
                findings.Add($"{name} (policy {policy}) does not require the API key or the session");
            }

            if (!anonymousAllowed)
            {
                var schemes = security.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToHashSet();
                if (!schemes.SetEquals(["apiKey", "session"]))
                {
                    findings.Add($"{name} requires {string.Join(", ", schemes)}, not the API key or the session");
                }

                findings.AddRange(new[] { "401", "403" }.Where(status => !responses.TryGetProperty(status, out _)).Select(status => $"{name} (policy {policy}) lacks {status}"));
            }

            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                findings.AddRange(new[] { "429", "503" }.Where(status => !responses.TryGetProperty(status, out _)).Select(status => $"{name} lacks {status}"));
            }

            foreach (var error in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem)
                    || problem.GetProperty("schema").GetProperty("$ref").GetString() != "#/components/schemas/Problem")
                {
                    findings.Add($"{name} {error.Name} is not described as application/problem+json with the Problem schema");
                }
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
        var problemSchema = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem").GetProperty("properties");
        foreach (var property in new[] { "type", "title", "status", "detail", "instance", "code", "errors" })
        {
            Assert.True(problemSchema.TryGetProperty(property, out _), $"the Problem schema lacks {property}");
        }
    }

    [Fact]
    public async Task Every_create_takes_a_required_idempotency_key_of_1_to_200_characters_and_the_server_refuses_a_create_without_one()
    {
        var document = await DocumentAsync();
        foreach (var (path, method) in new[]
        {
            ("/api/v1/reports", "post"), ("/api/v1/reports/{id}/correction", "post"), ("/api/v1/reports/{id}/reversal", "post"),
            ("/api/v1/needs", "post"), ("/api/v1/visits", "post"), ("/api/v1/expert-teams/{id}/batches", "post"),
        })
        {
            var key = Operation(document, path, method).GetProperty("parameters").EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
            Assert.True(key.GetProperty("required").GetBoolean(), $"{path}: Idempotency-Key is not required");
            var schema = key.GetProperty("schema");
            Assert.Equal("string", schema.GetProperty("type").GetString());
            Assert.Equal(1, schema.GetProperty("minLength").GetInt32());
            Assert.Equal(200, schema.GetProperty("maxLength").GetInt32());
            Assert.Contains("409", key.GetProperty("description").GetString());
        }

        // What the document says is what the server does.
        using var office = await fixture.KeyAsync("Office");
        using var keyless = await office.PostAsJsonAsync("/api/v1/reports", new { pairingId = "ev-x-520527004002", date = "2023-09-10", values = new { people_trained = 1 } });
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Equal("application/problem+json", keyless.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idempotency.key", (await keyless.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // A need's id is the server's: without a key a retry would post a second need.
        using var need = await office.PostAsJsonAsync("/api/v1/needs", new { domain = "Education", localityCode = "520523001", title = "无键需求", budgetYuan = 1, deadline = "2031-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, need.StatusCode);
        Assert.Equal("idempotency.key", (await need.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // A project or matter names its id or carries a key: with neither it is refused, and the document says so.
        foreach (var path in new[] { "/api/v1/projects", "/api/v1/matters" })
        {
            var key = Operation(document, path, "post").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
            Assert.False(key.TryGetProperty("required", out var required) && required.GetBoolean());
            Assert.StartsWith("Required unless the body names the `id`", key.GetProperty("description").GetString());
        }

        using var project = await office.PostAsJsonAsync("/api/v1/projects", new
        {
            title = "无键项目", track = "Health", localityCode = "520521", leadHelperId = "minge-central", responsibleStaffId = "staff-001", proposedOn = "2023-02-01",
        });
        Assert.Equal(HttpStatusCode.BadRequest, project.StatusCode);
        Assert.Equal("idempotency.key", (await project.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_report_has_a_realistic_example_body_and_the_reports_errors_show_the_codes_the_server_refuses_with()
    {
        var document = await DocumentAsync();
        var submit = Operation(document, "/api/v1/reports", "post");
        var examples = submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        var body = examples.EnumerateObject().First().Value.GetProperty("value");
        Assert.StartsWith("ev-", body.GetProperty("pairingId").GetString());
        Assert.True(DateOnly.TryParse(body.GetProperty("date").GetString(), out _));
        Assert.True(body.GetProperty("values").EnumerateObject().Any());

        // Exactly one subject: the schema's two shapes, each requiring one id and leaving the other null.
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("ReportRequest");
        var shapes = schema.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("required")[0].GetString()!).ToArray();
        Assert.Equal(["pairingId", "projectId"], shapes);
        Assert.Contains("Exactly one of", schema.GetProperty("properties").GetProperty("projectId").GetProperty("description").GetString());

        static IEnumerable<string> Codes(JsonElement operation, string status) =>
            operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("examples")
                .EnumerateObject().Select(e => e.Value.GetProperty("value")).Where(v => v.TryGetProperty("code", out _)).Select(v => v.GetProperty("code").GetString()!);

        Assert.Contains("idempotency.key", Codes(submit, "400"));
        Assert.Contains("indicator.unknown", Codes(submit, "400"));
        Assert.Contains("report.period_closed", Codes(submit, "409"));
        Assert.Contains("idempotency.key_reused", Codes(submit, "409"));
        Assert.Contains("report.forbidden", Codes(submit, "403"));
        Assert.Contains("store.unavailable", Codes(submit, "503"));
        Assert.Contains("report.already_reversed", Codes(Operation(document, "/api/v1/reports/{id}/reversal", "post"), "409"));
        Assert.Contains("report.unknown", Codes(Operation(document, "/api/v1/reports/{id}/correction", "post"), "404"));
        Assert.Contains("review.approved", Codes(Operation(document, "/api/v1/reports/{id}/review", "post"), "409"));
        Assert.Contains("report.filter", Codes(Operation(document, "/api/v1/reports", "get"), "400"));
        var retryAfter = submit.GetProperty("responses").GetProperty("429").GetProperty("headers").GetProperty("Retry-After");
        Assert.Equal("integer", retryAfter.GetProperty("schema").GetProperty("type").GetString());

        // The documented answer to a report that does not exist is the server's.
        using var office = await fixture.KeyAsync("Office");
        using var missing = await office.GetAsync($"/api/v1/reports/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("report.unknown", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Writes_that_honour_if_match_document_it_and_its_412()
    {
        var document = await DocumentAsync();
        foreach (var (path, method) in new[] { ("/api/v1/projects/{id}/transitions", "post"), ("/api/v1/pairings/{id}/end", "post"), ("/api/v1/matters/{id}/steps", "post") })
        {
            var operation = Operation(document, path, method);
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
            Assert.True(operation.GetProperty("responses").TryGetProperty("412", out _), $"{path} lacks 412");
        }
    }
}
