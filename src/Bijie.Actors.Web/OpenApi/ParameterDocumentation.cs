using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// Describes every parameter of the document from one table: a parameter name means the same everywhere
/// (<see cref="Common"/>), except where an operation or a resource gives it a meaning of its own
/// (<see cref="ByOperation"/>, <see cref="IdsByResource"/>). A parameter the tables do not know stays undescribed,
/// and the document's test names it. Also makes the Idempotency-Key header what the server takes (a string of 1 to
/// 200 printable characters, required where the server refuses a write without it), and adds the If-Match header to
/// the writes that honour it.
/// </summary>
public sealed class ParameterDocumentation : IOpenApiOperationTransformer
{
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>The longest idempotency key the server takes (LedgerEntries.MaxKeyLength and Access.MintId).</summary>
    public const int MaxIdempotencyKeyLength = 200;

    private const string LocalityCode = "A division code of Bijie (GB/T 2260): 5205 for Bijie city, 6 digits for a county (e.g. 520502 七星关区), "
        + "9 for a township or street (e.g. 520527004) and 12 for a village (e.g. 520527004002)";

    /// <summary>What a parameter name means wherever no operation says otherwise.</summary>
    private static readonly Dictionary<string, string> Common = new(StringComparer.Ordinal)
    {
        ["year"] = "A calendar year of the programme, e.g. 2024.",
        ["asOf"] = "The figures as the ledger stood at the end of this day (China Standard Time), YYYY-MM-DD from 1988-01-01, e.g. `2026-06-30`; "
            + "a day not over yet gives the ledger as it stands. Without it (and without `position`) the board is live.",
        ["asReportedBy"] = "The figures as reported by a period's deadline (e.g. `2026Q3`: the ledger at the end of its deadline day, the office's moved deadline if any), "
            + "before the corrections made since; the year defaults to the period's. Not with `asOf` or `position`.",
        ["position"] = "The figures as the ledger stood at this position (0 to the ledger's head; a board read as of a day names its position). Not with `asOf`.",
        ["page"] = "The page to answer, from 1 (default 1). The answer's `next` link names the next page while there is one.",
        ["size"] = "Items per page, 1 to 200 (default 50).",
        ["locality"] = LocalityCode + ". Narrows to that place and the places below it.",
        ["pairing"] = "A pairing's id, e.g. `ev-91520527MA6HX4K21X-520527004002` (enterprise and village) or `rg-minmeng-central-520527` (helper and county).",
        ["project"] = "A project's id, e.g. `p20240301-9f8e7d6c`.",
        ["enterprise"] = "An enterprise's unified social credit code (18 characters, GB 32100), e.g. `91520527MA6HX4K21X`.",
        ["helper"] = "A helper organisation's id, e.g. `minmeng-central` (民盟中央) or `minmeng-guizhou`.",
        ["status"] = "Only the items in this status.",
        ["count"] = "How many items to answer.",
        ["code"] = LocalityCode + ".",
        ["creditCode"] = "The enterprise's unified social credit code (18 characters, GB 32100), e.g. `91520527MA6HX4K21X`.",
        ["helperId"] = "The helper organisation's id, e.g. `minmeng-central`.",
        ["userName"] = "The account's user name (lower case), e.g. `zhang.wei`.",
        ["id"] = "The id of what the path names.",
        ["format"] = "The file's format: `csv` or `xlsx`.",
        ["kind"] = "The kind of item.",
        ["track"] = "An assistance domain (track): `regional`, `technology`, `industry`, `education`, `health` or `talent`.",
        ["domain"] = "Only the needs of this domain (track): Regional, Technology, Industry, Education, Health or Talent.",
        ["period"] = "A reporting period: a calendar quarter named like `2025Q1`.",
        ["subjectId"] = "The pairing's or project's id the exception is for.",
        ["entryId"] = "The service batch's ledger entry id (a UUID, from the batch's answer).",
        ["deliveryId"] = "The dead letter's delivery id (a UUID, from the dead-letter listing).",
        ["dryRun"] = "true: check every row and answer what would be imported, importing nothing. Default false.",
        ["everywhere"] = "true: end every session of the account (every browser), not only this one. Default false.",
        // The Orleans Dashboard's routes.
        ["address"] = "A silo's address as the dashboard lists it (host:port@generation).",
        ["grainName"] = "A grain type's full name as the dashboard lists it.",
        ["path"] = "The path below the route: a file of the dashboard, or a silo's address for its statistics.",
        ["exclude"] = "Grain types to leave out of the figures (the dashboard's own and the system's).",
    };

    /// <summary>What a parameter means in one operation (operation id, or the path for routes without one).</summary>
    private static readonly Dictionary<(string Operation, string Parameter), string> ByOperation = new()
    {
        [("ListReports", "year")] = "The year whose reports are listed (required): the reports dated in it that stand (not reversed).",
        [("ListReports", "pairing")] = "Only the reports on this pairing (not together with `project`).",
        [("ListReports", "project")] = "Only the reports on this project (not together with `pairing`).",
        [("ListForReview", "year")] = "The year whose reports are listed; default this year (Asia/Shanghai).",
        [("ListForReview", "status")] = "`pending` (not reviewed yet) or `approved`; default both.",
        [("ListForReview", "pairing")] = "Only the reports on this pairing.",
        [("ListForReview", "project")] = "Only the reports on this project.",
        [("ListForReview", "helper")] = "Only the reports counted for this helper organisation.",
        [("ListForReview", "enterprise")] = "Only the reports counted for this enterprise (unified social credit code).",
        [("ListForReview", "indicator")] = "Only the reports with a value for this indicator (its code, e.g. `clinic_person_times`).",
        [("ApproveBatch", "unit")] = "The batch: a township's division code (its figures), or a county's or the city's (their own pairings and projects).",
        [("UnapproveBatch", "unit")] = "The batch whose latest approval is taken back: a township's, a county's or the city's division code.",
        [("ListApprovals", "locality")] = "The division code whose batches to list (its own figures and every township below it); a locality's account: its own place (the default).",
        [("ListForReview", "flagged")] = "true: only the reports accepted with warnings (a validation rule that warns, an outlier); false: only those without. Without it the flagged come first.",
        [("ListForReview", "onBehalf")] = "true: only the reports the office filed on a reporter's behalf; false: only those reporters filed themselves.",
        [("ListPairings", "year")] = "Only pairings active at some time in this year; default any year.",
        [("ListPairings", "status")] = "`active` or `ended`; default both.",
        [("ListPairings", "enterprise")] = "Only the pairings of this enterprise (unified social credit code).",
        [("ListPairings", "helper")] = "Only the pairings of this helper organisation.",
        [("ListProjects", "year")] = "Only projects under way at some time in this year; default any year.",
        [("ListProjects", "helper")] = "Only the projects this helper leads or helps with.",
        [("ListEnterprises", "year")] = "Only enterprises paired with a village in this year; default all registered enterprises.",
        [("ListVisits", "year")] = "The year whose visits are listed; default this year (Asia/Shanghai).",
        [("ListVisits", "helper")] = "Only the visits of this helper organisation.",
        [("ListPeriods", "year")] = "The year whose four quarters are listed, 1988 to 2200; default this year.",
        [("ListMatters", "status")] = "`open`, `overdue` or `closed`; default all.",
        [("ListMatters", "helper")] = "Only the matters raised for this helper organisation.",
        [("ListNeeds", "status")] = "`Open`, `Matched`, `Fulfilled` or `Withdrawn`; default all.",
        [("ListHelpers", "kind")] = "Only helpers of this kind.",
        [("ListPlatforms", "kind")] = "Only platforms of this kind.",
        [("ListPlatforms", "helper")] = "Only the platforms this helper organisation runs.",
        [("ListExpertTeams", "helper")] = "Only the teams of this helper organisation.",
        [("ListExpertTeams", "track")] = "Only the teams of this domain (track).",
        [("GetLatestReports", "count")] = "How many of the latest reports to answer, 1 to 50 (default 12).",
        [("GetTopEnterprises", "count")] = "How many enterprises to rank, 1 to 50 (default 10).",
        [("GetNeedCandidates", "count")] = "How many candidates to answer, best first, 1 to 200 (default 10).",
        [("GetDomainBoard", "track")] = "The domain (track) whose board is shown: `regional`, `technology`, `industry`, `education`, `health` or `talent`.",
        [("ExportReports", "year")] = "The year whose reports are exported (required).",
        [("ExportPairings", "year")] = "Only pairings active at some time in this year; default any year.",
        [("ExportBoard", "year")] = "The year of the board (required).",
        [("ExportBoard", "code")] = LocalityCode + ": the place whose board is exported.",
        [("Import", "kind")] = "What the file holds: `enterprises`, `helpers`, `pairings`, `projects` or `reports`.",
        [("Import", "format")] = "The file's format, `csv` or `xlsx`; default from the Content-Type (XLSX for the spreadsheet type, else CSV).",
        [("ListUpdatesNeeded", "period")] = "The reporting period to check, e.g. `2026Q3`; default the current one.",
        [("ListUpdatesNeeded", "staff")] = "Only the items this responsible person (a staff id, e.g. `staff-004`) answers for.",
        [("ListUpdatesNeeded", "locality")] = LocalityCode + ". Only the items in that place and the places below it.",
        [("ListUpdatesNeeded", "reason")] = "`no_recent_report` or `milestone_past_due`; default both.",
        [("ExportReports", "period")] = "Only the reports dated in this quarter of the year, e.g. `2026Q3`; default the whole year.",
        [("ImportTemplate", "kind")] = "The kind of file: `enterprises`, `helpers`, `pairings`, `projects` or `reports`.",
        [("ImportTemplate", "format")] = "The template's format: `csv` or `xlsx`.",
        [("/dashboard/Reminders/{page}", "page")] = "The page of reminders, from 0.",
    };

    /// <summary>The board operations, whose year defaults to the latest year with figures.</summary>
    private static readonly HashSet<string> Boards = new(StringComparer.Ordinal)
    {
        "GetLocalityBoard", "GetDomainBoard", "GetHelperBoard", "GetEnterpriseBoard", "GetLatestReports", "GetTopEnterprises", "GetProjectBoard", "GetPairingBoard",
    };

    /// <summary>What <c>{id}</c> names under each resource (the first segment after /api/v1, or boards' sub-resource).</summary>
    private static readonly Dictionary<string, string> IdsByResource = new(StringComparer.Ordinal)
    {
        ["reports"] = "The report's id (a UUID, from its receipt or a listing).",
        ["pairings"] = "The pairing's id: its kind and both sides, e.g. `ev-91520527MA6HX4K21X-520527004002` (enterprise and village) or `rg-minmeng-central-520527` (helper and county).",
        ["boards/pairings"] = "The pairing's id, e.g. `ev-91520527MA6HX4K21X-520527004002`.",
        ["projects"] = "The project's id (at most 64 letters, digits, '-' or '_'), e.g. `p20240301-9f8e7d6c`.",
        ["boards/projects"] = "The project's id, e.g. `p20240301-9f8e7d6c`.",
        ["helpers"] = "The helper organisation's id (letters, digits, '-'), e.g. `minmeng-central`.",
        ["api-keys"] = "The key's id: the 16 hex digits after `bjk_` in the token, as the listing shows it.",
        ["matters"] = "The support matter's id, e.g. `m20240612-1a2b3c4d`.",
        ["needs"] = "The need's id, made by the server when the need was posted, e.g. `need-5d41402abc4b2a76b9719d91`.",
        ["webhooks"] = "The webhook subscription's id.",
        ["inbox"] = "The notification's id (a UUID).",
        ["visits"] = "The research visit's id, made by the server when the visit was recorded, e.g. `visit-7d793037a0760186574b0282`.",
        ["expert-teams"] = "The expert service team's id.",
        ["platforms"] = "The platform's id.",
    };

    /// <summary>The writes that honour If-Match (ETags.Expected in their handlers), and the GETs whose ETag they take.</summary>
    public static IReadOnlySet<string> IfMatch { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AssignPairingResponsible", "EndPairing", "TransitionProject", "AssignProjectResponsible", "UpdateProjectProgress", "AdvanceMatter",
    };

    /// <summary>The writes the server refuses without an Idempotency-Key (LedgerEntries.ValidateKey); elsewhere the key is optional.</summary>
    public static IReadOnlySet<string> KeyRequired { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "SubmitReport", "CorrectReport", "ReverseReport", "RecordServiceBatch", "PostNeed", "RecordVisit",
    };

    /// <summary>The creates whose body may name the id of what they create: the key is required only when it does not.</summary>
    public static IReadOnlySet<string> KeyRequiredWithoutId { get; } = new HashSet<string>(StringComparer.Ordinal) { "ProposeProject", "RaiseMatter" };

    /// <summary>The description of a parameter of an operation, or null when the tables do not know it.</summary>
    public static string? Describe(string? operationId, string path, string name)
    {
        var operation = operationId ?? path;
        if (ByOperation.TryGetValue((operation, name), out var own))
        {
            return own;
        }

        if (name == "year" && Boards.Contains(operation))
        {
            return "The year shown, e.g. 2024; default the latest year with figures (this year when there are none).";
        }

        if (name == "id" && IdsByResource.TryGetValue(ResourceOfId(path), out var id))
        {
            return id;
        }

        return Common.GetValueOrDefault(name);
    }

    /// <summary>"reports" for /api/v1/reports/{id}, "boards/projects" for /api/v1/boards/projects/{id}.</summary>
    private static string ResourceOfId(string path)
    {
        var resource = ErrorExamples.ResourceOf(path);
        if (resource != "boards")
        {
            return resource;
        }

        var rest = path["/api/v1/boards/".Length..];
        var cut = rest.IndexOf('/');
        return cut < 0 ? resource : $"boards/{rest[..cut]}";
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = ApiDocumentation.PathOf(context.Description);
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Header && string.Equals(parameter.Name, IdempotencyKey, StringComparison.OrdinalIgnoreCase))
            {
                DescribeIdempotencyKey(parameter, operation.OperationId is { } id && KeyRequired.Contains(id),
                    operation.OperationId is { } named && KeyRequiredWithoutId.Contains(named));
                continue;
            }

            if (string.IsNullOrWhiteSpace(parameter.Description) && Describe(operation.OperationId, path, parameter.Name ?? "") is { } description)
            {
                parameter.Description = description;
            }
        }

        if (operation.OperationId is { } operationId && IfMatch.Contains(operationId)
            && !operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, "If-Match", StringComparison.OrdinalIgnoreCase)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of the version this write is based on, as a GET answered it (e.g. `\"3\"`). When another write came in between, "
                    + "the answer is 412 and nothing changes. Without it the write applies to whatever version is current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(W/)?\"[0-9]+\"$|^\\*$" },
                Example = JsonValue.Create("\"3\""),
            });
        }

        return Task.CompletedTask;
    }

    private static void DescribeIdempotencyKey(OpenApiParameter parameter, bool required, bool requiredWithoutId)
    {
        parameter.Required = required;
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxIdempotencyKeyLength };
        parameter.Example = JsonValue.Create("r-2024-06-12-0007");
        parameter.Description = (required
                ? "Required: the write is refused without it (400, `idempotency.key`). "
                : requiredWithoutId
                    ? "Required unless the body names the `id` of what it creates (then the id makes a retry safe): without either the write is refused "
                        + "(400, `idempotency.key`). Sent without an `id`, the id is the server's, made from the caller and this key. "
                    : "Optional here: the write is safe to retry without it. ")
            + "A key the client chooses once for each write it intends (a UUID, or the id of its own record) and keeps for every retry of that write: "
            + $"1 to {MaxIdempotencyKeyLength} printable characters. The same key with the same body again answers the original result "
            + "(200 instead of 201) and changes nothing; the same key with another body is refused with 409 "
            + "(`idempotency.key_reused`, or `….exists` where the key names what is created). A key is the caller's own: another caller's same key is another write.";
    }
}
