using System.Text.Json.Nodes;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// Examples of the errors operations answer, with the codes the model really refuses with (DomainException in src/):
/// the reports' operations one by one, the others by the resource their path names, and a default for each status.
/// </summary>
public static class ErrorExamples
{
    private const string ReportId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string PairingId = "ev-91520527MA6HX4K21X-520527004002";

    private static readonly ProblemExample KeyMissing = new("No Idempotency-Key", "idempotency.key",
        "An idempotency key of 1 to 200 printable characters is required.", "Idempotency-Key");

    private static readonly ProblemExample KeyReused = new("The key was used for another body", "idempotency.key_reused",
        "The idempotency key 'r-2024-06-12-0007' was used before for another request.", "Idempotency-Key");

    private static readonly ProblemExample PeriodClosed = new("The reporting period closed", "report.period_closed",
        $"The reporting period 2024Q2 closed on 2024-07-10; reporting on '{PairingId}' for it needs an exception from the programme office.", "date");

    private static readonly ProblemExample ReportUnknown = new("No such report (or another organisation's)", "report.unknown",
        $"No report '{ReportId}'.", "reportId");

    private static readonly ProblemExample AlreadyReversed = new("Withdrawn, returned or corrected already", "report.already_reversed",
        $"Report '{ReportId}' was reversed already.", "reportId");

    private static readonly ProblemExample MayNotReport = new("Not this key's pairing or project", "report.forbidden",
        $"You may not report on '{PairingId}'.");

    /// <summary>The reports' operations: status → what they answer with it.</summary>
    private static readonly Dictionary<string, Dictionary<int, ProblemExample[]>> ByOperation = new(StringComparer.Ordinal)
    {
        ["SubmitReport"] = new()
        {
            [400] =
            [
                KeyMissing,
                new("An indicator not in the catalogue", "indicator.unknown", "'people_traned' is not an indicator of the catalogue.", "values.people_traned"),
                new("An indicator counted from other sources", "indicator.not_reportable", "'projects_total' is counted from pairings and projects; it cannot be reported.", "values.projects_total"),
                new("Neither or both subjects", "report.subject", "A report names exactly one of pairingId and projectId.", "pairingId"),
                new("Dated after today", "report.date_in_future", "The report date 2024-06-13 is after today (2024-06-12, Asia/Shanghai).", "date"),
            ],
            [403] = [MayNotReport],
            [404] = [new("No such pairing", "pairing.unknown", $"No pairing '{PairingId}'.", "pairingId")],
            [409] =
            [
                PeriodClosed,
                KeyReused,
                new("The pairing or project is not active", "report.subject_not_active", $"'{PairingId}' is not active and takes no reports.", "pairingId"),
            ],
        },
        ["CorrectReport"] = new()
        {
            [400] =
            [
                KeyMissing,
                new("Another subject than the original's", "correction.subject", "A correction reports on the same pairing or project as the report it corrects.", "pairingId"),
                new("A negative value", "report.negative", "'people_trained' cannot be negative; correct a report by reversing it.", "values.people_trained"),
            ],
            [403] = [MayNotReport],
            [404] = [ReportUnknown],
            [409] =
            [
                new("Withdrawn, returned or corrected already", "report.already_reversed",
                    "This report was withdrawn, returned or corrected already; file a new report instead.", "reportId"),
                PeriodClosed,
                KeyReused,
            ],
        },
        ["ReverseReport"] = new()
        {
            [400] =
            [
                KeyMissing,
                new("No reason", "reversal.reason", "A reversal needs a reason of at most 500 characters.", "reason"),
            ],
            [404] = [ReportUnknown],
            [409] =
            [
                AlreadyReversed,
                PeriodClosed,
                new("A visit's entry", "report.is_visit", "This entry records a research visit: withdraw the visit instead.", "reportId"),
            ],
        },
        ["ReviewReport"] = new()
        {
            [400] =
            [
                new("No decision", "review.decision", "decision is Approve or Return.", "decision"),
                new("A return without a reason", "review.reason", "A returned report needs a reason of at most 500 characters, for the reporter.", "reason"),
            ],
            [403] = [new("Not the programme office", "review.forbidden", "The programme office reviews reports.")],
            [404] = [ReportUnknown],
            [409] =
            [
                new("Approved already", "review.approved", $"Report '{ReportId}' was approved; correct it by a reversal and a new report.", "reportId"),
                new("Reversed or returned already", "review.reversed", $"Report '{ReportId}' was reversed or returned; there is nothing to approve.", "reportId"),
            ],
        },
        ["ListReports"] = new()
        {
            [400] =
            [
                new("Both a pairing and a project", "report.filter", "Filter by a pairing or a project, not both.", "pairing"),
                new("A page out of range", "paging", "page starts at 1; size is 1 to 200.", "size"),
                new("Not a division of Bijie", "locality.unknown", "'110101' is not a division code of Bijie.", "localityCode"),
            ],
            [403] = [new("A viewer's key", "report.forbidden", "Your role reads the boards, not the reports.")],
        },
        ["SignIn"] = new()
        {
            [401] = [new("A wrong name or password, or a disabled account", null, Security.SessionCookies.SignInFailed)],
            [429] = [new("Failed attempts from this address: it waits", null, Security.SessionCookies.SignInFailed)],
        },
        ["GetReport"] = new()
        {
            [404] = [ReportUnknown],
        },
        ["ListForReview"] = new()
        {
            [400] = [new("An unknown status", "review.status", "status is pending or approved.", "status")],
        },
    };

    /// <summary>What a path's resource answers when it is not there: its first segment after /api/v1 → (code, detail, field).</summary>
    private static readonly Dictionary<string, ProblemExample> NotFoundByResource = new(StringComparer.Ordinal)
    {
        ["accounts"] = new("No such account", "account.unknown", "No account 'zhang.wei'.", "userName"),
        ["api-keys"] = new("No such key", "apikey.unknown", "No API key '5b6fb40e9d98ec39'.", "id"),
        ["boards"] = new("Not a division of Bijie", "locality.unknown", "'110101' is not a division code of Bijie.", "localityCode"),
        ["enterprises"] = new("No such enterprise", "enterprise.unknown", "No enterprise with credit code '91520527MA6HX4K21X'.", "enterpriseCode"),
        ["expert-teams"] = new("No such team", "expert_team.unknown", "No expert team 'team-health-01'.", "id"),
        ["exports"] = new("Not csv or xlsx", "export.format", "'pdf' is not a format: csv or xlsx.", "format"),
        ["helpers"] = new("No such helper", "helper.unknown", "No helper organisation 'minmeng-central'.", "helperId"),
        ["imports"] = new("Not something to import", "import.kind", "'staff' cannot be imported: enterprises, helpers, pairings, projects or reports.", "kind"),
        ["inbox"] = new("No such notification", "notification.unknown", "No notification '3b241101-e2bb-4255-8caf-4136c566a962' in this inbox.", "id"),
        ["localities"] = new("Not a division of Bijie", "locality.unknown", "'110101' is not a division code of Bijie.", "localityCode"),
        ["matters"] = new("No such matter", "matter.unknown", "No support matter 'm20240612-1a2b3c4d'.", "matterId"),
        ["needs"] = new("No such need", "need.unknown", "No need 'need-5d41402abc4b2a76b9719d91'.", "needId"),
        ["pairings"] = new("No such pairing", "pairing.unknown", $"No pairing '{PairingId}'.", "pairingId"),
        ["periods"] = new("Not a pairing or project", "pairing.unknown", $"No pairing '{PairingId}'.", "subjectId"),
        ["platforms"] = new("No such platform", "platform.unknown", "No platform 'platform-qixingguan-01'.", "id"),
        ["projects"] = new("No such project", "project.unknown", "No project 'p20240301-9f8e7d6c'.", "projectId"),
        ["reports"] = ReportUnknown,
        ["visits"] = new("No such visit", "visit.unknown", "No research visit 'visit-7d793037a0760186574b0282'.", "id"),
        ["webhooks"] = new("No such subscription", "webhook.unknown", "No webhook subscription 'wh-ledger-sync'.", "id"),
    };

    /// <summary>What a path's resource answers when its state forbids the write.</summary>
    private static readonly Dictionary<string, ProblemExample> ConflictByResource = new(StringComparer.Ordinal)
    {
        ["accounts"] = new("The user name is taken", "account.exists", "The user name 'zhang.wei' is taken.", "userName"),
        ["expert-teams"] = new("Withdrawn already", "engagement.already_withdrawn", "It was withdrawn already."),
        ["matters"] = new("Not the next step", "matter.step", "Matter 'm20240612-1a2b3c4d' is at Undertaken; its next step is Concluded, not FedBack."),
        ["needs"] = new("Not open any more", "need.not_open", "Need 'need-5d41402abc4b2a76b9719d91' is Matched."),
        ["pairings"] = new("Active already, or not active", "pairing.duplicate", $"'{PairingId}' is already active since 2023-08-01."),
        ["periods"] = new("Too many exceptions", "period.too_many_exceptions", "A period holds at most 10000 exceptions; move its deadline instead."),
        ["projects"] = new("Not a transition from this status", "project.illegal_transition",
            "Project 'p20240301-9f8e7d6c' is Completed; it cannot move to UnderWay. Allowed: none.", "to"),
        ["visits"] = new("Withdrawn already", "engagement.already_withdrawn", "It was withdrawn already."),
        ["webhooks"] = new("Deactivated", "webhook.inactive", "The subscription is deactivated; its dead letters stay as they are."),
    };

    private static readonly ProblemExample Antiforgery = new("A cookie write without X-CSRF-TOKEN", "session.antiforgery",
        "A write made with the session cookie needs the X-CSRF-TOKEN header from GET /api/v1/session.");

    private static readonly ProblemExample Paging = new("A page out of range", "paging", "page starts at 1; size is 1 to 200.", "size");

    private static readonly ProblemExample Unbound = new("A value that does not bind (e.g. year=abc)", null, "");

    /// <summary>Every example the document can show, for a check that their codes are the model's.</summary>
    public static IEnumerable<ProblemExample> All() =>
        ByOperation.Values.SelectMany(o => o.Values).SelectMany(e => e)
            .Concat(NotFoundByResource.Values).Concat(ConflictByResource.Values)
            .Concat(new[] { 400, 401, 403, 404, 409, 412, 429, 503 }.SelectMany(status => For(null, "/api/v1/unknown", "POST", status, paged: true, idempotent: true)));

    /// <summary>The statuses an operation has examples of its own for: it answers them whatever the general rules say.</summary>
    public static IEnumerable<int> StatusesOf(string? operationId) =>
        operationId is not null && ByOperation.TryGetValue(operationId, out var own) ? own.Keys : [];

    /// <summary>The examples of one status of one operation.</summary>
    public static IReadOnlyList<ProblemExample> For(string? operationId, string path, string method, int status, bool paged, bool idempotent)
    {
        if (operationId is not null && ByOperation.TryGetValue(operationId, out var own) && own.TryGetValue(status, out var examples))
        {
            return examples;
        }

        var resource = ResourceOf(path);
        var unsafeMethod = method is not ("GET" or "HEAD" or "OPTIONS");
        return status switch
        {
            400 => [.. new[] { idempotent ? KeyMissing : null, paged ? Paging : null, unsafeMethod && !path.StartsWith("/api/v1/session", StringComparison.Ordinal) ? Antiforgery : null, Unbound }.OfType<ProblemExample>()],
            401 => [new("No key, an unknown or revoked key, or no session", null, "Sign in, or send an API key.")],
            403 => [new("The role may not do this", null, "Your key's role may not do this.")],
            404 => [NotFoundByResource.TryGetValue(resource, out var missing) ? missing
                : path.StartsWith("/api/", StringComparison.Ordinal) ? new("Not there", "id.unknown", "No such resource.")
                : new("Not there", null, "")],
            409 => [.. new[] { idempotent ? KeyReused : null, ConflictByResource.TryGetValue(resource, out var conflict) ? conflict : null }.OfType<ProblemExample>()
                .DefaultIfEmpty(new("Changed by someone else at the same moment", "subject.concurrent_change", "'p20240301-9f8e7d6c' was changed by someone else at the same time; read it again."))],
            413 => [new("Over the limit", null, "")],
            415 => [new("Not JSON", null, "")],
            412 => [new("The If-Match version is not the current one", "version.stale", "Project 'p20240301-9f8e7d6c' is at version 5, not 4: read it again.")],
            429 => [new("Too many requests", null, "This key (or address) sends faster, or holds more connections, than it may; wait as Retry-After says.")],
            503 => [new("The cluster or a store does not answer", "store.unavailable", "The service is busy or a store does not answer; try again shortly.")],
            _ => [],
        };
    }

    /// <summary>The first segment after <c>/api/v1/</c>: "reports" for <c>/api/v1/reports/{id}/reversal</c>.</summary>
    public static string ResourceOf(string path)
    {
        const string Prefix = "/api/v1/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "";
        }

        var rest = path[Prefix.Length..];
        var cut = rest.IndexOfAny(['/', '.']);
        return cut < 0 ? rest : rest[..cut];
    }

    /// <summary>The example as the answer's JSON.</summary>
    public static JsonObject ToJson(ProblemExample example, int status)
    {
        var json = new JsonObject();
        if (Section(status) is { } section)
        {
            json["type"] = $"https://tools.ietf.org/html/rfc9110#section-{section}";
        }

        json["title"] = Title(status, example.Code is null);
        json["status"] = status;
        if (example.Detail.Length > 0)
        {
            json["detail"] = example.Detail;
        }

        if (example.Code is not null)
        {
            json["code"] = example.Code;
        }

        if (example.Field is not null)
        {
            json["errors"] = new JsonObject { [example.Field] = new JsonArray(example.Detail) };
        }

        json["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        return json;
    }

    /// <summary>The section of RFC 9110 ASP.NET Core names as the problem's type (none for 429).</summary>
    private static string? Section(int status) => status switch
    {
        400 => "15.5.1",
        401 => "15.5.2",
        403 => "15.5.4",
        404 => "15.5.5",
        409 => "15.5.10",
        412 => "15.5.13",
        413 => "15.5.14",
        415 => "15.5.16",
        503 => "15.6.4",
        _ => null,
    };

    private static string Title(int status, bool framework) => status switch
    {
        400 => framework ? "Bad Request" : "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        412 => "Precondition failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}
