using Bijie.Actors.Web.Spreadsheets;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Apis;

/// <summary>
/// The office's ledgers (台账) in and out: enterprises, pairings and reports as CSV or XLSX with Chinese column
/// headers, and boards as tables. An import is checked row by row first; a dry run lists every bad row with its
/// reason, and a real import with any bad row is refused whole and changes nothing. Applying is idempotent (each
/// row's report carries a key made of the file's hash and the row), so an import interrupted by a store that
/// stopped answering is completed by sending the same file again.
/// </summary>
public static class LedgerFilesApi
{
    /// <summary>Imports may be larger than other requests: a county's year of reports as XLSX.</summary>
    public const long MaxImportBytes = 32 * 1024 * 1024;

    public static IEndpointRouteBuilder MapLedgerFilesApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/exports").WithTags("Import and export").RequireAuthorization(Policies.Office);
        exports.MapGet("/enterprises.{format}", ExportEnterprisesAsync).WithName("ExportEnterprises")
            .WithSummary("Enterprises paired at a locality and below, as csv or xlsx");
        exports.MapGet("/pairings.{format}", ExportPairingsAsync).WithName("ExportPairings")
            .WithSummary("Pairings at a locality and below, as csv or xlsx");
        exports.MapGet("/reports.{format}", ExportReportsAsync).WithName("ExportReports")
            .WithSummary("The reports that stand at a locality and below in a year (or one of its quarters, period=2026Q3), one row per indicator, as csv or xlsx");
        exports.MapGet("/helpers.{format}", ExportHelpersAsync).WithName("ExportHelpers")
            .WithSummary("Every helper organisation and local institution, as csv or xlsx");
        exports.MapGet("/projects.{format}", ExportProjectsAsync).WithName("ExportProjects")
            .WithSummary("Projects at a locality and below with their status and dates, as csv or xlsx");
        exports.MapGet("/boards/{code}.{format}", ExportBoardAsync).WithName("ExportBoard")
            .WithSummary("A locality's board for a year as a table, as csv or xlsx: live, or as of a day (asOf) or a ledger position (position)");

        var imports = app.MapGroup("/api/v1/imports").WithTags("Import and export").RequireAuthorization(Policies.Office);
        imports.MapPost("/{kind}", ImportAsync).WithName("Import")
            .WithSummary("Imports enterprises, pairings or reports from the body (text/csv or xlsx); dryRun=true only checks")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .DisableAntiforgery();
        imports.MapGet("/{kind}/template.{format}", TemplateAsync).WithName("ImportTemplate")
            .WithSummary("An empty file of a kind (enterprises, helpers, pairings, projects, reports) with its Chinese column headers, as csv or xlsx");
        return app;
    }

    public static async Task<FileContentHttpResult> ExportEnterprisesAsync(string format, string? locality, ILedgerExports exports) =>
        LedgerFiles.File(LedgerFiles.Format(format), await exports.EnterprisesAsync(locality));

    public static async Task<FileContentHttpResult> ExportHelpersAsync(string format, ILedgerExports exports) =>
        LedgerFiles.File(LedgerFiles.Format(format), await exports.HelpersAsync());

    public static async Task<FileContentHttpResult> ExportProjectsAsync(string format, string? locality, ILedgerExports exports) =>
        LedgerFiles.File(LedgerFiles.Format(format), await exports.ProjectsAsync(locality));

    public static async Task<FileContentHttpResult> ExportPairingsAsync(string format, string? locality, int? year, ILedgerExports exports) =>
        LedgerFiles.File(LedgerFiles.Format(format), await exports.PairingsAsync(locality, year));

    public static async Task<FileContentHttpResult> ExportReportsAsync(string format, string? locality, int year, string? period, ILedgerExports exports) =>
        LedgerFiles.File(LedgerFiles.Format(format), await exports.ReportsAsync(locality, year, period));

    public static async Task<FileContentHttpResult> ExportBoardAsync(string code, string format, int year, string? asOf, long? position, string? asReportedBy, ILedgerExports exports) =>
        LedgerFiles.File(LedgerFiles.Format(format), await exports.BoardAsync(code, year, BoardAsOf.Parse(asOf, position, asReportedBy)));

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        string kind, bool? dryRun, string? format, HttpRequest request, ILedgerImports imports, ClaimsPrincipal user, IOptions<ImportOptions> limits)
    {
        ImportKinds.HeaderOf(kind);
        var (rows, fileHash) = await LedgerFiles.ReadAsync(request, format, limits.Value);
        var result = await imports.ImportAsync(kind, rows, dryRun == true, fileHash, user.ToActor(), request.HttpContext.RequestAborted);
        return result.DryRun || result.Errors.Count == 0 ? TypedResults.Ok(result) : LedgerFiles.Refused(result);
    }

    /// <summary>An empty file of a kind with its Chinese column headers, to fill in and import.</summary>
    public static FileContentHttpResult TemplateAsync(string kind, string format)
    {
        var header = ImportKinds.HeaderOf(kind);
        return LedgerFiles.Template(LedgerFiles.Format(format), kind, header);
    }
}
