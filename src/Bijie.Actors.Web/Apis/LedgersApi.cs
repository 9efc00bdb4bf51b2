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
    private static readonly ActorRef Importer = new("import", ActorRole.Office);

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

    public static async Task<FileContentHttpResult> ExportEnterprisesAsync(string format, string? locality, IGrainFactory grains)
    {
        Format(format);
        var scopes = await Listing.ScopesAsync(grains, locality, null, null);
        var codes = await Listing.IntersectAsync(grains, scopes, Indicators.EnterprisePairingEnterprises, null);
        var enterprises = await Task.WhenAll(codes.Select(c => grains.GetGrain<IEnterpriseGrain>(c).GetAsync()));
        return File(enterprises.Select(e => new Dictionary<string, object?>
        {
            [Columns.CreditCode] = e.CreditCode,
            [Columns.EnterpriseName] = e.Name,
            [Columns.Industry] = e.Industry,
            [Columns.Province] = e.Province,
        }), "enterprises", format);
    }

    public static async Task<FileContentHttpResult> ExportHelpersAsync(string format, IGrainFactory grains)
    {
        Format(format);
        var helpers = await Task.WhenAll((await Registries.ListAsync(grains, Registries.Helpers)).Select(id => grains.GetGrain<IHelperGrain>(id).GetAsync()));
        return File(helpers.Select(h => new Dictionary<string, object?>
        {
            [Columns.HelperId] = h.Id,
            [Columns.HelperName] = h.NameZh,
            [Columns.HelperNameEn] = h.NameEn,
            [Columns.HelperKind] = h.Kind.ToString(),
            [Columns.LocalityCode] = h.LocalityCode,
        }), "helpers", format);
    }

    public static async Task<FileContentHttpResult> ExportProjectsAsync(string format, string? locality, IGrainFactory grains)
    {
        Format(format);
        var ids = await Listing.IntersectAsync(grains, await Listing.ScopesAsync(grains, locality, null, null), Scopes.AllProjects, null);
        var projects = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).GetAsync()));
        static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(projects.Select(p => new Dictionary<string, object?>
        {
            [Columns.ProjectId] = p.Id,
            [Columns.ProjectTitle] = p.Title,
            [Columns.Track] = p.Track.Code(),
            [Columns.LocalityCode] = p.LocalityCode,
            [Columns.LeadHelper] = p.LeadHelperId,
            [Columns.CoHelpers] = string.Join(';', p.CoHelperIds),
            [Columns.Staff] = p.ResponsibleStaffId,
            [Columns.PlannedYuan] = p.Money.PlannedYuan,
            [Columns.SignedYuan] = p.Money.SignedYuan,
            [Columns.LandedYuan] = p.Money.LandedYuan,
            [Columns.Status] = p.Status.ToString(),
            [Columns.ProposedOn] = Day(p.ProposedOn),
            [Columns.InLibraryOn] = Day(p.InLibraryOn),
            [Columns.PlannedYear] = p.PlannedYear,
            [Columns.PlannedOn] = Day(p.PlannedOn),
            [Columns.StartedOn] = Day(p.StartedOn),
            [Columns.FinishedOn] = Day(p.FinishedOn),
            [Columns.CancelledOn] = Day(p.CancelledOn),
        }), "projects", format);
    }

    public static async Task<FileContentHttpResult> ExportPairingsAsync(string format, string? locality, int? year, IGrainFactory grains)
    {
        Format(format);
        var ids = await Listing.IntersectAsync(grains, await Listing.ScopesAsync(grains, locality, null, null), Scopes.AllPairings, year);
        var pairings = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPairingGrain>(id).GetAsync()));
        return File(pairings.Select(p => new Dictionary<string, object?>
        {
            [Columns.PairingId] = p.Id,
            [Columns.Kind] = p.Kind.ToString(),
            [Columns.HelperId] = p.HelperId,
            [Columns.EnterpriseCode] = p.EnterpriseCode,
            [Columns.LocalityCode] = p.Kind == PairingKind.Institution ? null : p.LocalityCode,
            [Columns.PartnerId] = p.PartnerId,
            [Columns.Domain] = p.Domain?.Code(),
            [Columns.Start] = p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [Columns.Staff] = p.ResponsibleStaffId,
            [Columns.End] = p.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [Columns.EndReason] = p.EndReason,
        }), "pairings", format);
    }

    public static async Task<FileContentHttpResult> ExportReportsAsync(string format, string? locality, int year, string? period, IGrainFactory grains)
    {
        Format(format);
        // A quarter of the year (2026Q3) narrows the rows to the reports dated in it.
        (DateOnly First, DateOnly Last)? quarter = period is null ? null : ReportingPeriods.Require(period);
        if (quarter is { } q && q.First.Year != year)
        {
            throw DomainException.Invalid("export.period", $"{period} is not a quarter of {year}.", "period");
        }

        var scope = (await Listing.ScopesAsync(grains, locality, null, null))[0];
        // An export is the one read of a whole year: a page at a time, so no single call carries it all.
        var reports = new List<ReportView>();
        const int pageSize = 1000;
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await grains.GetGrain<IReportIntakeGrain>(0).ListStandingPageAsync(new ReportPageQuery([scope], year, offset, pageSize, NewestFirst: false, CountTotal: false));
            reports.AddRange(page.Items);
            if (page.Items.Count < pageSize)
            {
                break;
            }
        }

        return File(reports.Where(r => quarter is not { } within || (r.Date >= within.First && r.Date <= within.Last)).SelectMany(r => r.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new Dictionary<string, object?>
        {
            [Columns.ReportId] = r.Id.ToString(),
            [Columns.SubjectKind] = r.SubjectKind,
            [Columns.SubjectId] = r.SubjectId,
            [Columns.Date] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [Columns.Indicator] = v.Key,
            [Columns.IndicatorName] = Indicators.Find(v.Key)?.NameZh,
            [Columns.Value] = v.Value,
            [Columns.ReportedBy] = r.ReportedBy,
        })), period is null ? $"reports-{year}" : $"reports-{period}", format);
    }

    public static async Task<FileContentHttpResult> ExportBoardAsync(string code, string format, int year, IGrainFactory grains)
    {
        Format(format);
        var locality = await grains.GetLocality(code).GetAsync();
        var board = await grains.GetGrain<IScopeGrain>(Scopes.Locality(locality.Code)).GetBoardAsync(year);
        return File(board.Figures.Select(f => new Dictionary<string, object?>
        {
            [Columns.Indicator] = f.Indicator,
            [Columns.IndicatorName] = Indicators.Find(f.Indicator)?.NameZh,
            [Columns.Unit] = Indicators.Find(f.Indicator)?.Unit,
            [$"{year}年"] = f.Value,
            [$"{year - 1}年"] = f.PreviousValue,
            ["同比(%)"] = f.YoyPercent,
        }), $"board-{locality.Code}-{year}", format);
    }

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(
        string kind, bool? dryRun, string? format, HttpRequest request, IGrainFactory grains, ClaimsPrincipal user, IOptions<ImportOptions> limits)
    {
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
        var actor = user.ToActor();
        var importer = ImporterOf(kind, grains, fileHash);

        var errors = new List<ImportError>();
        var checkedRows = new List<(int Row, object Item)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 2; // as a spreadsheet numbers it: the header is row 1
            try
            {
                checkedRows.Add((row, await importer.CheckAsync(new Row(rows[i]), row, actor)));
            }
            catch (DomainException e)
            {
                errors.Add(new ImportError(row, e.Field, e.Message));
            }
        }

        errors.AddRange(importer.CheckTogether(checkedRows));
        if (dryRun == true || errors.Count > 0)
        {
            // A dry run says what each good row would do: create a record, or update one that exists.
            var bad = errors.Select(e => e.Row).ToHashSet();
            var changes = dryRun == true
                ? await Task.WhenAll(checkedRows.Where(r => !bad.Contains(r.Row)).Select(async r => new ImportChange(r.Row, await importer.ActionAsync(r.Item))))
                : [];
            var result = new ImportResult(kind, dryRun == true, rows.Count, rows.Count - bad.Count, 0, errors.OrderBy(e => e.Row).ToArray(),
                changes.Count(c => c.Action == "create"), changes.Count(c => c.Action == "update"), changes.OrderBy(c => c.Row).Take(1000).ToArray());
            // Refused whole: problem details as every 4xx, carrying the result's figures and the bad rows (errors).
            return dryRun == true ? TypedResults.Ok(result) : TypedResults.Problem(statusCode: 400, title: "Invalid request",
                detail: $"{result.Rows - result.ValidRows} of {result.Rows} rows are bad; nothing was imported.", extensions: new Dictionary<string, object?>
                {
                    ["code"] = "import.invalid_rows", ["kind"] = result.Kind, ["dryRun"] = false, ["rows"] = result.Rows, ["validRows"] = result.ValidRows,
                    ["applied"] = 0, ["errors"] = result.Errors,
                });
        }

        var applied = 0;
        foreach (var (row, item) in checkedRows)
        {
            await importer.ApplyAsync(item, row, actor.Id == "anonymous" ? Importer : actor);
            applied++;
        }

        return TypedResults.Ok(new ImportResult(kind, false, rows.Count, rows.Count, applied, []));
    }

    private static IImporter ImporterOf(string kind, IGrainFactory grains, string fileHash) => kind switch
    {
        "enterprises" => new EnterpriseImporter(grains),
        "pairings" => new PairingImporter(grains),
        "helpers" => new HelperImporter(grains),
        "projects" => new ProjectImporter(grains),
        "reports" => new ReportImporter(grains, fileHash),
        _ => throw DomainException.NotFound("import.kind", $"'{kind}' cannot be imported: enterprises, helpers, pairings, projects or reports.", "kind"),
    };

    /// <summary>An empty file of a kind with its Chinese column headers, to fill in and import.</summary>
    public static FileContentHttpResult TemplateAsync(string kind, string format, IGrainFactory grains)
    {
        var header = ImporterOf(kind, grains, "").Header;
        if (Format(format) == ExcelType.CSV)
        {
            return TypedResults.File([.. "\uFEFF"u8, .. System.Text.Encoding.UTF8.GetBytes(string.Join(',', header) + "\r\n")], "text/csv; charset=utf-8", $"{kind}-template.csv");
        }

        return File([header.ToDictionary(c => c, _ => (object?)null)], $"{kind}-template", format);
    }

    /// <summary>The Chinese column headers of the ledgers.</summary>
    public static class Columns
    {
        public const string CreditCode = "统一社会信用代码";
        public const string EnterpriseName = "企业名称";
        public const string Industry = "行业";
        public const string Province = "省份";
        public const string PairingId = "结对编号";
        public const string Kind = "结对类型";
        public const string HelperId = "帮扶单位编号";
        public const string EnterpriseCode = "企业信用代码";
        public const string LocalityCode = "地区代码";
        public const string PartnerId = "结对机构编号";
        public const string Domain = "领域";
        public const string Start = "开始日期";
        public const string Staff = "责任人编号";
        public const string End = "结束日期";
        public const string EndReason = "结束原因";
        public const string ReportId = "填报编号";
        public const string SubjectKind = "对象类型";
        public const string SubjectId = "对象编号";
        public const string Date = "填报日期";
        public const string Indicator = "指标代码";
        public const string IndicatorName = "指标名称";
        public const string Unit = "单位";
        public const string Value = "数值";
        public const string ReportedBy = "填报人";
        public const string HelperName = "单位名称";
        public const string HelperNameEn = "英文名称";
        public const string HelperKind = "单位类型";
        public const string ProjectId = "项目编号";
        public const string ProjectTitle = "项目名称";
        public const string Track = "领域或地域";
        public const string LeadHelper = "牵头单位编号";
        public const string CoHelpers = "参与单位编号";
        public const string PlannedYuan = "计划金额(元)";
        public const string SignedYuan = "签约金额(元)";
        public const string LandedYuan = "落地金额(元)";
        public const string Status = "状态";
        public const string ProposedOn = "提出日期";
        public const string InLibraryOn = "入库日期";
        public const string PlannedYear = "计划实施年份";
        public const string PlannedOn = "计划日期";
        public const string StartedOn = "开始实施日期";
        public const string FinishedOn = "完成日期";
        public const string CancelledOn = "取消日期";
    }

    /// <summary>One row of an imported file, read by column header.</summary>
    private sealed class Row(IDictionary<string, object?> values)
    {
        public string? Text(string column) =>
            values.TryGetValue(column, out var v) && v is not null && SpreadsheetCells.Restore(v.ToString()!.Trim()) is { Length: > 0 } text ? text : null;

        public string Required(string column) =>
            Text(column) ?? throw DomainException.Invalid("import.missing", $"{column} is empty.", column);

        public DateOnly? OptionalDate(string column) => Text(column) is null ? null : Date(column);

        public DateOnly Date(string column) =>
            DateOnly.TryParseExact(Required(column), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : values[column] is DateTime dt ? DateOnly.FromDateTime(dt)
                : throw DomainException.Invalid("import.date", $"{column} '{Text(column)}' is not a date (yyyy-MM-dd).", column);

        public decimal Number(string column) => values.TryGetValue(column, out var v) && v is double d
            ? (decimal)d
            : decimal.TryParse(Required(column), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw DomainException.Invalid("import.number", $"{column} '{Text(column)}' is not a number.", column);
    }

    /// <summary>A locality code in a file: unknown or malformed is a bad row, reported in the file's column.</summary>
    private static async Task CheckLocalityAsync(IGrainFactory grains, string code)
    {
        try
        {
            await grains.GetLocality(code).GetAsync();
        }
        catch (DomainException e)
        {
            throw DomainException.Invalid(e.Code, e.Message, Columns.LocalityCode);
        }
    }

    private interface IImporter
    {
        /// <summary>The columns a file of this kind has, in order: the template's header.</summary>
        IReadOnlyList<string> Header { get; }

        Task<object> CheckAsync(Row row, int number, ActorRef actor);

        /// <summary>What applying a checked row would do: "create", or "update" of a record that exists.</summary>
        Task<string> ActionAsync(object item) => Task.FromResult("create");

        IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) => [];

        Task ApplyAsync(object item, int row, ActorRef actor);
    }

    private sealed class EnterpriseImporter(IGrainFactory grains) : IImporter
    {
        public IReadOnlyList<string> Header { get; } = [Columns.CreditCode, Columns.EnterpriseName, Columns.Industry, Columns.Province];

        public async Task<string> ActionAsync(object item) =>
            await grains.GetGrain<IEnterpriseGrain>(((EnterpriseProfile)item).CreditCode).ExistsAsync() ? "update" : "create";

        public Task<object> CheckAsync(Row row, int number, ActorRef actor)
        {
            var code = row.Required(Columns.CreditCode);
            if (CreditCodes.Problem(code) is { } problem)
            {
                throw DomainException.Invalid("enterprise.credit_code", problem, Columns.CreditCode);
            }

            var name = row.Required(Columns.EnterpriseName);
            return name.Length > 100
                ? throw DomainException.Invalid("enterprise.name", "A name has at most 100 characters.", Columns.EnterpriseName)
                : Task.FromResult<object>(new EnterpriseProfile(code, name, row.Text(Columns.Industry), row.Text(Columns.Province)));
        }

        public IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) =>
            rows.GroupBy(r => ((EnterpriseProfile)r.Item).CreditCode).Where(g => g.Count() > 1)
                .SelectMany(g => g.Skip(1).Select(r => new ImportError(r.Row, Columns.CreditCode, $"{g.Key} appears more than once in the file.")));

        public async Task ApplyAsync(object item, int row, ActorRef actor) =>
            await grains.GetGrain<IEnterpriseGrain>(((EnterpriseProfile)item).CreditCode).RegisterAsync((EnterpriseProfile)item, actor);
    }

    private sealed class HelperImporter(IGrainFactory grains) : IImporter
    {
        public IReadOnlyList<string> Header { get; } = [Columns.HelperId, Columns.HelperName, Columns.HelperNameEn, Columns.HelperKind, Columns.LocalityCode];

        public async Task<string> ActionAsync(object item) =>
            await grains.GetGrain<IHelperGrain>(((HelperProfile)item).Id).ExistsAsync() ? "update" : "create";

        public Task<object> CheckAsync(Row row, int number, ActorRef actor)
        {
            var id = row.Required(Columns.HelperId);
            if (!HelperIds.IsValid(id))
            {
                throw DomainException.Invalid("helper.id", $"'{id}' is not a helper id (lower-case letters, digits, '-').", Columns.HelperId);
            }

            var kind = Enum.TryParse<HelperKind>(row.Required(Columns.HelperKind), ignoreCase: true, out var k) && Enum.IsDefined(k)
                ? k
                : throw DomainException.Invalid("helper.kind", $"'{row.Text(Columns.HelperKind)}' is not a kind of helper.", Columns.HelperKind);
            return Task.FromResult<object>(new HelperProfile(id, row.Required(Columns.HelperName), row.Text(Columns.HelperNameEn), kind, row.Text(Columns.LocalityCode), []));
        }

        public async Task ApplyAsync(object item, int row, ActorRef actor) =>
            await grains.GetGrain<IHelperGrain>(((HelperProfile)item).Id).RegisterAsync((HelperProfile)item, actor);
    }

    private sealed record ProjectRow(string Id, ProposeProject Proposal, ProjectStatus Status, DateOnly? InLibraryOn, int? PlannedYear, DateOnly? PlannedOn,
        DateOnly? StartedOn, DateOnly? FinishedOn, DateOnly? CancelledOn);

    private sealed class ProjectImporter(IGrainFactory grains) : IImporter
    {
        public IReadOnlyList<string> Header { get; } =
        [
            Columns.ProjectId, Columns.ProjectTitle, Columns.Track, Columns.LocalityCode, Columns.LeadHelper, Columns.CoHelpers, Columns.Staff,
            Columns.PlannedYuan, Columns.SignedYuan, Columns.LandedYuan, Columns.Status, Columns.ProposedOn, Columns.InLibraryOn, Columns.PlannedYear,
            Columns.PlannedOn, Columns.StartedOn, Columns.FinishedOn, Columns.CancelledOn,
        ];

        public async Task<string> ActionAsync(object item)
        {
            try
            {
                await grains.GetGrain<IProjectGrain>(((ProjectRow)item).Id).GetAsync();
                return "update";
            }
            catch (DomainException e) when (e.Code == "project.unknown")
            {
                return "create";
            }
        }

        public async Task<object> CheckAsync(Row row, int number, ActorRef actor)
        {
            var track = Tracks.Parse(row.Required(Columns.Track)) ?? throw DomainException.Invalid("project.track", "Not a track.", Columns.Track);
            var status = Enum.TryParse<ProjectStatus>(row.Required(Columns.Status), ignoreCase: true, out var st) && st is not ProjectStatus.None && Enum.IsDefined(st)
                ? st
                : throw DomainException.Invalid("project.status", $"'{row.Text(Columns.Status)}' is not a status.", Columns.Status);
            var lead = row.Required(Columns.LeadHelper);
            var co = (row.Text(Columns.CoHelpers) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var helper in co.Prepend(lead))
            {
                if (!await grains.GetGrain<IHelperGrain>(helper).ExistsAsync())
                {
                    throw DomainException.Invalid("helper.unknown", $"No helper organisation '{helper}': import the helpers first.", Columns.LeadHelper);
                }
            }

            var locality = row.Required(Columns.LocalityCode);
            await CheckLocalityAsync(grains, locality);

            var money = new ProjectMoney(row.Text(Columns.PlannedYuan) is null ? 0 : row.Number(Columns.PlannedYuan),
                row.Text(Columns.SignedYuan) is null ? 0 : row.Number(Columns.SignedYuan), row.Text(Columns.LandedYuan) is null ? 0 : row.Number(Columns.LandedYuan));
            var proposal = new ProposeProject(row.Required(Columns.ProjectTitle), track, locality, lead, co, row.Required(Columns.Staff), money, [], row.Date(Columns.ProposedOn));
            int? plannedYear = row.Text(Columns.PlannedYear) is null ? null : (int)row.Number(Columns.PlannedYear);
            return new ProjectRow(row.Required(Columns.ProjectId), proposal, status, row.OptionalDate(Columns.InLibraryOn), plannedYear, row.OptionalDate(Columns.PlannedOn),
                row.OptionalDate(Columns.StartedOn), row.OptionalDate(Columns.FinishedOn), row.OptionalDate(Columns.CancelledOn));
        }

        public IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) =>
            rows.GroupBy(r => ((ProjectRow)r.Item).Id).Where(g => g.Count() > 1)
                .SelectMany(g => g.Skip(1).Select(r => new ImportError(r.Row, Columns.ProjectId, $"{g.Key} appears more than once in the file.")));

        /// <summary>Proposes the project and replays its life to the status of the row, with the row's dates; steps done before are skipped.</summary>
        public async Task ApplyAsync(object item, int row, ActorRef actor)
        {
            var p = (ProjectRow)item;
            var grain = grains.GetGrain<IProjectGrain>(p.Id);
            ProjectInfo info;
            try
            {
                info = await grain.GetAsync();
            }
            catch (DomainException e) when (e.Code == "project.unknown")
            {
                info = await grain.ProposeAsync(p.Proposal, actor);
            }

            var steps = new List<ProjectTransition>();
            if (p.InLibraryOn is { } library)
            {
                steps.Add(new(ProjectStatus.InLibrary, library));
            }

            if (p.PlannedYear is { } year)
            {
                steps.Add(new(ProjectStatus.Planned, p.PlannedOn ?? p.InLibraryOn ?? p.Proposal.ProposedOn, year));
            }

            if (p.StartedOn is { } started)
            {
                steps.Add(new(ProjectStatus.InProgress, started));
            }

            if (p.FinishedOn is { } finished)
            {
                steps.Add(new(ProjectStatus.Completed, finished));
                if (p.Status == ProjectStatus.Accepted)
                {
                    steps.Add(new(ProjectStatus.Accepted, finished));
                }
            }

            if (p.Status == ProjectStatus.Suspended)
            {
                steps.Add(new(ProjectStatus.Suspended, p.StartedOn ?? p.PlannedOn ?? p.Proposal.ProposedOn));
            }

            if (p.CancelledOn is { } cancelled)
            {
                steps.Add(new(ProjectStatus.Cancelled, cancelled));
            }

            foreach (var step in steps)
            {
                if (ProjectTransitions.From(info.Status).Contains(step.To))
                {
                    info = await grain.TransitionAsync(step, actor);
                }
            }
        }
    }

    private sealed record PairingRow(StartPairing Start, DateOnly? End, string? EndReason);

    private sealed class PairingImporter(IGrainFactory grains) : IImporter
    {
        public IReadOnlyList<string> Header { get; } =
        [
            Columns.Kind, Columns.HelperId, Columns.EnterpriseCode, Columns.LocalityCode, Columns.PartnerId, Columns.Domain, Columns.Start, Columns.Staff,
            Columns.End, Columns.EndReason,
        ];

        private IReadOnlyList<StaffMember>? staff;

        public async Task<object> CheckAsync(Row row, int number, ActorRef actor)
        {
            var kind = Enum.TryParse<PairingKind>(row.Required(Columns.Kind), ignoreCase: true, out var k) && Enum.IsDefined(k)
                ? k
                : throw DomainException.Invalid("pairing.kind", $"{Columns.Kind} is Regional, Township, EnterpriseVillage or Institution.", Columns.Kind);
            Track? domain = row.Text(Columns.Domain) is { } d
                ? Tracks.Parse(d) ?? throw DomainException.Invalid("pairing.domain", $"'{d}' is not a domain.", Columns.Domain)
                : null;
            var request = new StartPairingRequest(kind, row.Text(Columns.HelperId), row.Text(Columns.EnterpriseCode), row.Text(Columns.LocalityCode),
                row.Text(Columns.PartnerId), domain, row.Date(Columns.Start), row.Required(Columns.Staff), null).ToCommand();

            // What the pairing grain will check again, checked here so that a dry run names every bad row.
            if (request.EnterpriseCode is { } code)
            {
                if (CreditCodes.Problem(code) is { } problem)
                {
                    throw DomainException.Invalid("enterprise.credit_code", problem, Columns.EnterpriseCode);
                }

                if (!await grains.GetGrain<IEnterpriseGrain>(code).ExistsAsync())
                {
                    throw DomainException.Invalid("enterprise.unknown", $"No enterprise '{code}': import it first.", Columns.EnterpriseCode);
                }
            }

            foreach (var (id, column) in new[] { (request.HelperId, Columns.HelperId), (request.PartnerId, Columns.PartnerId) })
            {
                if (id is not null && !await grains.GetGrain<IHelperGrain>(id).ExistsAsync())
                {
                    throw DomainException.Invalid("helper.unknown", $"No helper organisation '{id}'.", column);
                }
            }

            if (request.LocalityCode is { } locality)
            {
                await CheckLocalityAsync(grains, locality);
            }

            staff ??= await grains.GetGrain<IReferenceGrain>(0).GetStaffAsync();
            if (staff.All(s => s.Id != request.ResponsibleStaffId))
            {
                throw DomainException.Invalid("staff.unknown", $"'{request.ResponsibleStaffId}' is not in the staff directory.", Columns.Staff);
            }

            var end = row.Text(Columns.End) is null ? (DateOnly?)null : row.Date(Columns.End);
            if (end is not null && row.Text(Columns.EndReason) is null)
            {
                throw DomainException.Invalid("pairing.end_reason", "An ended pairing needs its reason.", Columns.EndReason);
            }

            var existing = grains.GetGrain<IPairingGrain>(PairingIds.For(request));
            try
            {
                var current = await existing.GetAsync();
                if (current.Status == PairingStatus.Active && current.Start != request.Start)
                {
                    throw DomainException.Invalid("pairing.duplicate", $"'{current.Id}' is already active since {current.Start:yyyy-MM-dd}.", Columns.Start);
                }
            }
            catch (DomainException e) when (e.Code == "pairing.unknown")
            {
                // a new pairing
            }

            return new PairingRow(request, end, row.Text(Columns.EndReason));
        }

        public IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) =>
            rows.GroupBy(r => PairingIds.For(((PairingRow)r.Item).Start)).Where(g => g.Count() > 1)
                .SelectMany(g => g.Skip(1).Select(r => new ImportError(r.Row, Columns.Kind, $"The pairing {g.Key} appears more than once in the file.")));

        public async Task ApplyAsync(object item, int row, ActorRef actor)
        {
            var p = (PairingRow)item;
            var grain = grains.GetGrain<IPairingGrain>(PairingIds.For(p.Start));
            var info = await grain.StartAsync(p.Start, actor);
            if (p.End is { } end && info.Status == PairingStatus.Active)
            {
                await grain.EndAsync(end, p.EndReason!, actor);
            }
        }
    }

    private sealed class ReportImporter(IGrainFactory grains, string fileHash) : IImporter
    {
        public IReadOnlyList<string> Header { get; } = [Columns.SubjectKind, Columns.SubjectId, Columns.Date, Columns.Indicator, Columns.Value];

        public async Task<object> CheckAsync(Row row, int number, ActorRef actor)
        {
            var subjectKind = row.Required(Columns.SubjectKind);
            var subject = row.Required(Columns.SubjectId);
            var values = new Dictionary<string, decimal> { [row.Required(Columns.Indicator)] = row.Number(Columns.Value) };
            var report = subjectKind switch
            {
                "pairing" => new ReportSubmission(subject, null, row.Date(Columns.Date), values, $"import:{fileHash}:{number}"),
                "project" => new ReportSubmission(null, subject, row.Date(Columns.Date), values, $"import:{fileHash}:{number}"),
                _ => throw DomainException.Invalid("report.subject", $"{Columns.SubjectKind} is 'pairing' or 'project'.", Columns.SubjectKind),
            };
            await grains.GetGrain<IReportIntakeGrain>(0).CheckAsync(report, actor);
            return report;
        }

        public async Task ApplyAsync(object item, int row, ActorRef actor) =>
            await grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync((ReportSubmission)item, actor);
    }
}

/// <summary>What an import found and did.</summary>
public sealed record ImportResult(
    string Kind, bool DryRun, int Rows, int ValidRows, int Applied, IReadOnlyList<ImportError> Errors,
    int Creates = 0, int Updates = 0, IReadOnlyList<ImportChange>? Changes = null);

/// <summary>What a dry run found a good row would do: <c>create</c> a record, or <c>update</c> one that exists (the first 1000 rows).</summary>
public sealed record ImportChange(int Row, string Action);

/// <summary>A bad row of an import: the row as a spreadsheet numbers it, the column, and why.</summary>
public sealed record ImportError(int Row, string? Field, string Message);
