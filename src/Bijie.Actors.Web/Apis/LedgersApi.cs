using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace Bijie.Actors.Web.Apis;

/// <summary>
/// The office's ledgers (台账) in and out: enterprises, pairings and reports as CSV or XLSX with Chinese column
/// headers, and boards as tables. An import is checked row by row first; a dry run lists every bad row with its
/// reason, and a real import with any bad row is refused whole and changes nothing. Applying is idempotent (each
/// row's report carries a key made of the file's hash and the row), so an import interrupted by a store that
/// stopped answering is completed by sending the same file again.
/// </summary>
public static class LedgersApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Imports may be larger than other requests: a county's year of reports as XLSX.</summary>
    public const long MaxImportBytes = 32 * 1024 * 1024;

    public static IEndpointRouteBuilder MapLedgersApi(this IEndpointRouteBuilder app)
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
            .WithSummary("A locality's board for a year as a table, as csv or xlsx");

        var imports = app.MapGroup("/api/v1/imports").WithTags("Import and export").RequireAuthorization(Policies.Office);
        imports.MapPost("/{kind}", ImportAsync).WithName("Import")
            .WithSummary("Imports enterprises, pairings or reports from the body (text/csv or xlsx); dryRun=true only checks")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .DisableAntiforgery();
        imports.MapGet("/{kind}/template.{format}", TemplateAsync).WithName("ImportTemplate")
            .WithSummary("An empty file of a kind (enterprises, helpers, pairings, projects, reports) with its Chinese column headers, as csv or xlsx");
        return app;
    }

    private static ExcelType Format(string format) => format.ToLowerInvariant() switch
    {
        "csv" => ExcelType.CSV,
        "xlsx" => ExcelType.XLSX,
        _ => throw DomainException.NotFound("export.format", $"'{format}' is not a format: csv or xlsx.", "format"),
    };

    private static FileContentHttpResult File(IEnumerable<Dictionary<string, object?>> rows, string name, string format)
    {
        var type = Format(format);
        using var stream = new MemoryStream();
        if (type == ExcelType.CSV)
        {
            stream.Write("\uFEFF"u8); // Excel opens UTF-8 CSV with Chinese headers correctly only with a BOM
        }

        // Every text cell made inert here, in the one place every export passes.
        stream.SaveAs(rows.Select(r => r.ToDictionary(c => c.Key, c => SpreadsheetCells.Export(c.Value))).ToList(), excelType: type);
        return TypedResults.File(stream.ToArray(), type == ExcelType.CSV ? "text/csv; charset=utf-8" : Xlsx, $"{name}.{format.ToLowerInvariant()}");
    }

    public static async Task<FileContentHttpResult> ExportEnterprisesAsync(string format, string? locality, IGrainFactory grains, IListings listings)
    {
        Format(format);
        var codes = await listings.IdsAsync(await listings.ScopesAsync(new ListingFilter(locality)), Indicators.EnterprisePairingEnterprises, null);
        var enterprises = await Task.WhenAll(codes.Select(c => grains.GetGrain<IEnterpriseGrain>(c).GetAsync()));
        return File(enterprises.Select(e => new Dictionary<string, object?>
        {
            [LedgerColumns.CreditCode] = e.CreditCode,
            [LedgerColumns.EnterpriseName] = e.Name,
            [LedgerColumns.Industry] = e.Industry,
            [LedgerColumns.Province] = e.Province,
        }), "enterprises", format);
    }

    public static async Task<FileContentHttpResult> ExportHelpersAsync(string format, IGrainFactory grains)
    {
        Format(format);
        var helpers = await Task.WhenAll((await Registries.ListAsync(grains, Registries.Helpers)).Select(id => grains.GetGrain<IHelperGrain>(id).GetAsync()));
        return File(helpers.Select(h => new Dictionary<string, object?>
        {
            [LedgerColumns.HelperId] = h.Id,
            [LedgerColumns.HelperName] = h.NameZh,
            [LedgerColumns.HelperNameEn] = h.NameEn,
            [LedgerColumns.HelperKind] = h.Kind.ToString(),
            [LedgerColumns.LocalityCode] = h.LocalityCode,
        }), "helpers", format);
    }

    public static async Task<FileContentHttpResult> ExportProjectsAsync(string format, string? locality, IGrainFactory grains, IListings listings)
    {
        Format(format);
        var ids = await listings.IdsAsync(await listings.ScopesAsync(new ListingFilter(locality)), Scopes.AllProjects, null);
        var projects = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).GetAsync()));
        static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(projects.Select(p => new Dictionary<string, object?>
        {
            [LedgerColumns.ProjectId] = p.Id,
            [LedgerColumns.ProjectTitle] = p.Title,
            [LedgerColumns.Track] = p.Track.Code(),
            [LedgerColumns.LocalityCode] = p.LocalityCode,
            [LedgerColumns.LeadHelper] = p.LeadHelperId,
            [LedgerColumns.CoHelpers] = string.Join(';', p.CoHelperIds),
            [LedgerColumns.Staff] = p.ResponsibleStaffId,
            [LedgerColumns.PlannedYuan] = p.Money.PlannedYuan,
            [LedgerColumns.SignedYuan] = p.Money.SignedYuan,
            [LedgerColumns.LandedYuan] = p.Money.LandedYuan,
            [LedgerColumns.Status] = p.Status.ToString(),
            [LedgerColumns.ProposedOn] = Day(p.ProposedOn),
            [LedgerColumns.InLibraryOn] = Day(p.InLibraryOn),
            [LedgerColumns.PlannedYear] = p.PlannedYear,
            [LedgerColumns.PlannedOn] = Day(p.PlannedOn),
            [LedgerColumns.StartedOn] = Day(p.StartedOn),
            [LedgerColumns.FinishedOn] = Day(p.FinishedOn),
            [LedgerColumns.CancelledOn] = Day(p.CancelledOn),
        }), "projects", format);
    }

    public static async Task<FileContentHttpResult> ExportPairingsAsync(string format, string? locality, int? year, IGrainFactory grains, IListings listings)
    {
        Format(format);
        var ids = await listings.IdsAsync(await listings.ScopesAsync(new ListingFilter(locality)), Scopes.AllPairings, year);
        var pairings = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPairingGrain>(id).GetAsync()));
        return File(pairings.Select(p => new Dictionary<string, object?>
        {
            [LedgerColumns.PairingId] = p.Id,
            [LedgerColumns.Kind] = p.Kind.ToString(),
            [LedgerColumns.HelperId] = p.HelperId,
            [LedgerColumns.EnterpriseCode] = p.EnterpriseCode,
            [LedgerColumns.LocalityCode] = p.Kind == PairingKind.Institution ? null : p.LocalityCode,
            [LedgerColumns.PartnerId] = p.PartnerId,
            [LedgerColumns.Domain] = p.Domain?.Code(),
            [LedgerColumns.Start] = p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [LedgerColumns.Staff] = p.ResponsibleStaffId,
            [LedgerColumns.End] = p.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [LedgerColumns.EndReason] = p.EndReason,
        }), "pairings", format);
    }

    public static async Task<FileContentHttpResult> ExportReportsAsync(string format, string? locality, int year, string? period, IListings listings, IReportReader reader)
    {
        Format(format);
        // A quarter of the year (2026Q3) narrows the rows to the reports dated in it.
        (DateOnly First, DateOnly Last)? quarter = period is null ? null : ReportingPeriods.Require(period);
        if (quarter is { } q && q.First.Year != year)
        {
            throw DomainException.Invalid("export.period", $"{period} is not a quarter of {year}.", "period");
        }

        var scope = (await listings.ScopesAsync(new ListingFilter(locality)))[0];
        // An export is the one read of a whole year: a page at a time, so no single call carries it all.
        var reports = new List<ReportView>();
        const int pageSize = 1000;
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await reader.ListStandingPageAsync(new ReportPageQuery([scope], year, offset, pageSize, NewestFirst: false, CountTotal: false));
            reports.AddRange(page.Items);
            if (page.Items.Count < pageSize)
            {
                break;
            }
        }

        return File(reports.Where(r => quarter is not { } within || (r.Date >= within.First && r.Date <= within.Last)).SelectMany(r => r.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new Dictionary<string, object?>
        {
            [LedgerColumns.ReportId] = r.Id.ToString(),
            [LedgerColumns.SubjectKind] = r.SubjectKind,
            [LedgerColumns.SubjectId] = r.SubjectId,
            [LedgerColumns.Date] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [LedgerColumns.Indicator] = v.Key,
            [LedgerColumns.IndicatorName] = Indicators.Find(v.Key)?.NameZh,
            [LedgerColumns.Value] = v.Value,
            [LedgerColumns.ReportedBy] = r.ReportedBy,
        })), period is null ? $"reports-{year}" : $"reports-{period}", format);
    }

    public static async Task<FileContentHttpResult> ExportBoardAsync(string code, string format, int year, IGrainFactory grains)
    {
        Format(format);
        var locality = await grains.GetLocality(code).GetAsync();
        var board = await grains.GetGrain<IScopeGrain>(Scopes.Locality(locality.Code)).GetBoardAsync(year);
        return File(board.Figures.Select(f => new Dictionary<string, object?>
        {
            [LedgerColumns.Indicator] = f.Indicator,
            [LedgerColumns.IndicatorName] = Indicators.Find(f.Indicator)?.NameZh,
            [LedgerColumns.Unit] = Indicators.Find(f.Indicator)?.Unit,
            [$"{year}年"] = f.Value,
            [$"{year - 1}年"] = f.PreviousValue,
            ["同比(%)"] = f.YoyPercent,
        }), $"board-{locality.Code}-{year}", format);
    }

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        string kind, bool? dryRun, string? format, HttpRequest request, ILedgerImports imports, ClaimsPrincipal user, IOptions<ImportOptions> limits)
    {
        ImportKinds.HeaderOf(kind);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var type = format is not null ? Format(format)
            : request.ContentType?.StartsWith(Xlsx, StringComparison.OrdinalIgnoreCase) == true ? ExcelType.XLSX : ExcelType.CSV;
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = ImportReader.Read(bytes, type, limits.Value);
        }
        catch (Exception e) when (e is not DomainException)
        {
            throw DomainException.Invalid("import.unreadable", $"The file cannot be read as {type}: {e.Message}", "file");
        }

        var fileHash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var result = await imports.ImportAsync(kind, rows.Select(ImportReader.AsText).ToArray(), dryRun == true, fileHash, user.ToActor(), request.HttpContext.RequestAborted);
        if (result.DryRun || result.Errors.Count == 0)
        {
            return TypedResults.Ok(result);
        }

        // Refused whole: problem details as every 4xx, carrying the result's figures and the bad rows (errors).
        return TypedResults.Problem(statusCode: 400, title: "Invalid request",
            detail: $"{result.Rows - result.ValidRows} of {result.Rows} rows are bad; nothing was imported.", extensions: new Dictionary<string, object?>
            {
                ["code"] = "import.invalid_rows", ["kind"] = result.Kind, ["dryRun"] = false, ["rows"] = result.Rows, ["validRows"] = result.ValidRows,
                ["applied"] = 0, ["errors"] = result.Errors,
            });
    }

    /// <summary>An empty file of a kind with its Chinese column headers, to fill in and import.</summary>
    public static FileContentHttpResult TemplateAsync(string kind, string format)
    {
        var header = ImportKinds.HeaderOf(kind);
        if (Format(format) == ExcelType.CSV)
        {
            return TypedResults.File([.. "\uFEFF"u8, .. System.Text.Encoding.UTF8.GetBytes(string.Join(',', header) + "\r\n")], "text/csv; charset=utf-8", $"{kind}-template.csv");
        }

        return File([header.ToDictionary(c => c, _ => (object?)null)], $"{kind}-template", format);
    }
}
