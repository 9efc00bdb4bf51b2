using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// The document as a whole: the product's title, what the API is and how it behaves (authentication, errors, rate
/// limits, idempotency, concurrency), the two security schemes, the problem-details schema every error answer uses,
/// and a line on each tag.
/// </summary>
public sealed class DocumentDescription(ApiOptions api) : IOpenApiDocumentTransformer
{
    /// <summary>The security scheme of an API key sent as <c>Authorization: Bearer bjk_…</c>.</summary>
    public const string ApiKeyScheme = "apiKey";

    /// <summary>The security scheme of the browser's sign-in cookie.</summary>
    public const string SessionScheme = "session";

    /// <summary>The name of the sign-in cookie (WebComposition's cookie options).</summary>
    public const string SessionCookie = "bijie.session";

    /// <summary>The schema of every error answer (<c>application/problem+json</c>).</summary>
    public const string ProblemSchema = "Problem";

    private const string Description = """
        The programme office of Bijie (毕节) and its helpers — national committees, provinces, cities and institutions
        that assist Bijie's counties, townships and villages, and the private enterprises paired with villages — keep the
        programme's record through this API: **pairings** (结对) and **projects** (项目), the **progress reports** (进展填报)
        enterprises and helpers file against them, and what follows from them: the **boards** (看板) of the city, each
        county, township and village, domain, helper and enterprise, research visits, expert service batches and
        platforms, needs and their matching, support matters, reporting periods and the office's review.

        ## Authentication
        Programs send an API key: `Authorization: Bearer bjk_<id>_<secret>` (an administrator issues keys; the secret is
        shown once). People sign in with `POST /api/v1/session` and the browser carries the `bijie.session` cookie; a
        write made with the cookie also sends the `X-CSRF-TOKEN` header that `GET /api/v1/session` hands out. Boards and
        the public drill-down data (localities, pairings, projects, helpers, enterprises, visits, expert teams and
        platforms) need neither, unless the deployment turns public boards off. A key's role (Viewer, Helper, Enterprise,
        Locality, Office, Admin) and the organisation it speaks for decide what it may do: `x-bijie-policy` on each operation names the policy.

        ## Errors
        Every error is an RFC 9457 problem (`application/problem+json`) with `title`, `status` and `detail`; refusals of
        the model also carry a stable machine-readable `code` (e.g. `report.period_closed`, `idempotency.key_reused`)
        and, where one field is at fault, `errors` naming it. Programs branch on `status` and `code`, never on `detail`.

        ## Rate limits
        Each API key, and each address without a key, may send a number of requests per second (twice that in a burst).
        Beyond it the answer is `429 Too Many Requests` with `Retry-After` (seconds); wait that long and send again.
        `503 Service Unavailable` with `Retry-After` means the cluster or a store does not answer for the moment: the
        request was not carried out and may be sent again as it was.

        ## Idempotency
        Writes that create something take an `Idempotency-Key` header: a key the client chooses once per intended
        write and keeps for its retries. The same key with the same body again answers the original result (`200`
        instead of `201`) and changes nothing; the same key with another body is refused (`409`,
        `idempotency.key_reused`). Reports are committed to the ledger before they are acknowledged.

        ## Concurrency
        Editable resources (pairings, projects, support matters) answer with an `ETag`; a write that sends it back in
        `If-Match` is refused with `412` (`version.stale`) when someone changed the resource in between.
        """;

    /// <summary>A line on each tag, in the order the reference shows them.</summary>
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Sign-in"] = "Cookie sessions for people in the browser, and the accounts they sign in with (admin).",
        ["Reports"] = "Progress reports (进展填报) on pairings and projects: filed once under an Idempotency-Key, corrected, withdrawn, and reviewed by the office.",
        ["Reference"] = "The indicator catalogue and the office's staff directory.",
        ["System"] = "The running system: version, demo status, the cluster's hosts and activations.",
        ["Localities"] = "The divisions of Bijie (GB/T 2260): the city 5205, its counties, townships and villages.",
        ["Boards"] = "The figures of the city, a county, township or village, a domain, helper, enterprise, project or pairing, by year.",
        ["Pairings"] = "Pairings (结对): a helper or an enterprise with a locality or an institution, from a start date until ended.",
        ["Projects"] = "Assistance projects (帮扶项目): proposed, approved, under way, completed; with money and milestones.",
        ["Helpers"] = "The helping organisations: national committees, provinces, cities, institutions.",
        ["Enterprises"] = "Private enterprises by unified social credit code, and their pairings with villages.",
        ["API keys"] = "Keys for programs (admin): issued, listed, revoked.",
        ["Import and export"] = "Spreadsheets (CSV or XLSX) of the ledgers, and imports of them with a dry run.",
        ["Support matters"] = "Support matters raised for helpers: undertaken, concluded and fed back before they fall due.",
        ["Needs and strengths"] = "Needs localities post and the helpers whose strengths match them.",
        ["Webhooks"] = "Subscriptions that receive the programme's events, their deliveries and dead letters.",
        ["Integrity"] = "The ledger's hash chain: daily digests to print or send outside, against which deploy/verify-ledger.sh checks the ledger.",
        ["Inbox"] = "Notifications for the signed-in account or key.",
        ["History"] = "The programme's totals since 1988.",
        ["Supervision"] = "What responsible staff have to update, and reminders to them.",
        ["Visits, experts and platforms"] = "Research visits, expert service teams and their batches, and assistance platforms.",
        ["Reporting periods"] = "Quarterly reporting periods, their deadlines, and the office's exceptions.",
        ["Approvals"] = "Level-by-level approval (逐级审核) of a period's figures, batch by batch: township, county, city; an approved batch is locked.",
        [DashboardOperations.Tag] = "The Orleans Dashboard (admins only): the cluster's silos, grains and reminders, as its pages read them.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = ApiDocumentation.Title;
        document.Info.Version = ApiDocumentation.Version;
        document.Info.Summary = "Pairings, projects and progress reports of Bijie's pairing assistance programme, and the boards built from them.";
        document.Info.Description = Description;

        document.Components ??= new OpenApiComponents();
        // AddComponent registers them with the document's workspace too, so that the operations' references resolve.
        document.AddComponent<IOpenApiSecurityScheme>(ApiKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "bjk_<id>_<secret>",
            Description = "An API key: `Authorization: Bearer bjk_<id>_<secret>`, where the id is 16 lower-case hex digits (it names the key, "
                + "and appears in listings) and the secret at least 40 characters of base64url (shown once, when the key is issued; only its hash is kept). "
                + "An administrator issues keys with a role and the organisation they speak for, and revokes them.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(SessionScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SessionCookie,
            Description = "The browser's sign-in session, set by `POST /api/v1/session` (HttpOnly, SameSite=Strict; 8 hours, renewed while in use). "
                + "A write made with it also sends the `X-CSRF-TOKEN` header from `GET /api/v1/session`. Ends on sign-out, a password change or when the account is disabled.",
        });
        document.AddComponent<IOpenApiSchema>(ProblemSchema, Problem());
        new OperationSecurity(api).Apply(document);

        // The tags the operations name, and only those (the dashboard's routes moved from the host's default tag to their own).
        var used = (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).SelectMany(o => o.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var unused in document.Tags.Where(t => t.Name is null || !used.Contains(t.Name)).ToList())
        {
            document.Tags.Remove(unused);
        }

        foreach (var name in used.Where(n => !document.Tags.Any(t => t.Name == n)))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }

        foreach (var tag in document.Tags)
        {
            if (tag.Name is { } name && Tags.TryGetValue(name, out var line))
            {
                tag.Description = line;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>An RFC 9457 problem as this API writes it (DomainExceptionHandler, the rate limiter, authentication).</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `code` is stable and machine-readable; `detail` is for people and may change.",
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", Description = "A URI naming the kind of problem (the HTTP status's section of RFC 9110)." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem, e.g. \"Conflict\"." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong in this case, for people." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", Description = "The occurrence, where one is named." },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The stable code of a refusal of the model, `area.reason` (e.g. `report.period_closed`, `idempotency.key_reused`, `store.unavailable`); "
                    + "absent on answers of the framework (authentication, rate limits, a value that does not bind).",
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The fields at fault (a body property, `values.<indicator>`, a query parameter or a header such as `Idempotency-Key`), each with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["args"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Values the refusal speaks of, by name (e.g. `count` of `review.count_changed`), for a client to say it in its reader's language.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the request, to find it in the logs." },
        },
    };
}
