using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// Adds to each operation the errors it can answer, as <c>application/problem+json</c> with the Problem schema and
/// examples of the real codes: 400 when it takes input (and for writes, which a cookie makes without X-CSRF-TOKEN),
/// 401 and 403 when it needs credentials, 404 when its path names something, 409 for POST, PUT and DELETE, 412 where
/// it accepts If-Match, 413 and 415 when it takes a body (one over the limit, or of another media type), and 429
/// (rate limits) and 503 (cluster or store unavailable) for every operation of the API. The fuzzer and the
/// authorisation suite check every answer they get against the statuses listed here.
/// </summary>
public sealed class ErrorResponses(ApiOptions api) : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request is not valid: a parameter, header or body field breaks a rule (`code` says which rule, `errors` which field), "
            + "a value does not bind (e.g. `year=abc`), or a write made with the session cookie lacks the `X-CSRF-TOKEN` header.",
        [401] = "The credentials are missing or not accepted: no API key and no session, a key that is malformed, unknown or revoked, or a session that has ended "
            + "(signing in: a wrong user name or password). Send `Authorization: Bearer bjk_…`, or sign in.",
        [403] = "The key's or account's role, or the organisation it speaks for, may not do this.",
        [404] = "What the path names is not there, or is another organisation's (which reads as not there).",
        [409] = "The current state does not allow this write (`code` says why, e.g. a closed reporting period), "
            + "or the Idempotency-Key was used before with another body.",
        [412] = "`If-Match` names a version that is no longer the current one: someone changed the resource in between. "
            + "Read it again (its ETag is the current version) and decide again.",
        [413] = "The body is larger than the host takes (`Bijie:Api:MaxBodyBytes`): nothing was read and nothing changed.",
        [415] = "The body's `Content-Type` is not the one the operation takes (`application/json`, or the file types an import lists): nothing changed.",
        [429] = "This API key, or this address without a key, sends more requests than it may: wait `Retry-After` seconds, then send again.",
        [503] = "The cluster or a store does not answer for the moment and nothing was done: send the same request again after `Retry-After` seconds "
            + "(a write with the same Idempotency-Key).",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = ApiDocumentation.PathOf(context.Description);
        var method = (context.Description.HttpMethod ?? "GET").ToUpperInvariant();
        var parameters = operation.Parameters ?? [];
        bool Has(ParameterLocation location, string name) => parameters.Any(p => p.In == location && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var unsafeMethod = method is not ("GET" or "HEAD" or "OPTIONS");
        var underApi = path.StartsWith("/api/", StringComparison.Ordinal);
        var idempotent = Has(ParameterLocation.Header, ParameterDocumentation.IdempotencyKey);
        var paged = Has(ParameterLocation.Query, "page");

        var statuses = new List<int>();
        if (parameters.Count > 0 || operation.RequestBody is not null || (unsafeMethod && underApi))
        {
            statuses.Add(400);
        }

        if (OperationSecurity.AccessOf(operation, api) == OperationSecurity.Access.Authorised)
        {
            statuses.Add(401);
            statuses.Add(403);
        }

        if (parameters.Any(p => p.In == ParameterLocation.Path))
        {
            statuses.Add(404);
        }

        if (method is "POST" or "PUT" or "DELETE" && underApi && !path.StartsWith("/api/v1/session", StringComparison.Ordinal))
        {
            statuses.Add(409);
        }

        if (operation.RequestBody is not null)
        {
            statuses.Add(413);
            statuses.Add(415);
        }

        if (Has(ParameterLocation.Header, "If-Match"))
        {
            statuses.Add(412);
        }

        // The rate limits and the cluster's refusals apply to /api; the Orleans Dashboard's pages are limited by neither.
        if (underApi)
        {
            statuses.Add(429);
            statuses.Add(503);
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses.Union(ErrorExamples.StatusesOf(operation.OperationId)).Order())
        {
            var examples = status == 413
                ? [new ProblemExample("Over the limit", null, $"The body may have at most {api.MaxBodyBytes:N0} bytes.")]
                : ErrorExamples.For(operation.OperationId, path, method, status, paged, idempotent);
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Response(status, examples, context.Document);
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Response(int status, IReadOnlyList<ProblemExample> examples, OpenApiDocument? document)
    {
        var media = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(DocumentDescription.ProblemSchema, document),
            Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal),
        };
        foreach (var example in examples)
        {
            var name = example.Code ?? "default";
            for (var n = 2; media.Examples.ContainsKey(name); n++)
            {
                name = $"{example.Code ?? "default"}-{n}";
            }

            media.Examples[name] = new OpenApiExample { Summary = example.Summary, Value = ErrorExamples.ToJson(example, status) };
        }

        var response = new OpenApiResponse
        {
            Description = Descriptions[status],
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = media },
        };
        if (status is 429 or 503)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before sending the request again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                },
            };
        }

        return response;
    }
}
