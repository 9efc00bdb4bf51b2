using System.Globalization;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

/// <summary>
/// The office's ledgers (台账) out (<see cref="ILedgerExports"/>): enterprises, helpers, pairings, projects and
/// reports as rows under the same Chinese column headers the imports read (<see cref="LedgerColumns"/>), so an
/// export imports as it was; and a board as a table. The web writes the rows as CSV or XLSX.
/// </summary>
public sealed class LedgerExports(IGrainFactory grains, IListings listings, IReportReader reports, IBoardReader boards) : ILedgerExports
{
    public async Task<LedgerSheet> EnterprisesAsync(string? locality)
    {
        var codes = await listings.IdsAsync(await listings.ScopesAsync(new ListingFilter(locality)), Indicators.EnterprisePairingEnterprises, null);
        var enterprises = await Task.WhenAll(codes.Select(c => grains.GetGrain<IEnterpriseGrain>(c).GetAsync()));
        return Sheet(enterprises.Select(e => new Dictionary<string, object?>
        {
            [LedgerColumns.CreditCode] = e.CreditCode,
            [LedgerColumns.EnterpriseName] = e.Name,
            [LedgerColumns.Industry] = e.Industry,
            [LedgerColumns.Province] = e.Province,
        }), "enterprises");
    }

    public async Task<LedgerSheet> HelpersAsync()
    {
        var helpers = await Task.WhenAll((await Registries.ListAsync(grains, Registries.Helpers)).Select(id => grains.GetGrain<IHelperGrain>(id).GetAsync()));
        return Sheet(helpers.Select(h => new Dictionary<string, object?>
        {
            [LedgerColumns.HelperId] = h.Id,
            [LedgerColumns.HelperName] = h.NameZh,
            [LedgerColumns.HelperNameEn] = h.NameEn,
            [LedgerColumns.HelperKind] = h.Kind.ToString(),
            [LedgerColumns.LocalityCode] = h.LocalityCode,
        }), "helpers");
    }

    public async Task<LedgerSheet> ProjectsAsync(string? locality)
    {
        var ids = await listings.IdsAsync(await listings.ScopesAsync(new ListingFilter(locality)), Scopes.AllProjects, null);
        var projects = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProjectGrain>(id).GetAsync()));
        static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Sheet(projects.Select(p => new Dictionary<string, object?>
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
        }), "projects");
    }

    public async Task<LedgerSheet> PairingsAsync(string? locality, int? year)
    {
        var ids = await listings.IdsAsync(await listings.ScopesAsync(new ListingFilter(locality)), Scopes.AllPairings, year);
        var pairings = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPairingGrain>(id).GetAsync()));
        return Sheet(pairings.Select(p => new Dictionary<string, object?>
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
        }), "pairings");
    }

    public async Task<LedgerSheet> ReportsAsync(string? locality, int year, string? period)
    {
        // A quarter of the year (2026Q3) narrows the rows to the reports dated in it.
        (DateOnly First, DateOnly Last)? quarter = period is null ? null : ReportingPeriods.Require(period);
        if (quarter is { } q && q.First.Year != year)
        {
            throw DomainException.Invalid("export.period", $"{period} is not a quarter of {year}.", "period");
        }

        var scope = (await listings.ScopesAsync(new ListingFilter(locality)))[0];
        // An export is the one read of a whole year: a page at a time, so no single call carries it all.
        var standing = new List<ReportView>();
        const int pageSize = 1000;
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await reports.ListStandingPageAsync(new ReportPageQuery([scope], year, offset, pageSize, NewestFirst: false, CountTotal: false));
            standing.AddRange(page.Items);
            if (page.Items.Count < pageSize)
            {
                break;
            }
        }

        return Sheet(standing.Where(r => quarter is not { } within || (r.Date >= within.First && r.Date <= within.Last)).SelectMany(r => r.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new Dictionary<string, object?>
        {
            [LedgerColumns.ReportId] = r.Id.ToString(),
            [LedgerColumns.SubjectKind] = r.SubjectKind,
            [LedgerColumns.SubjectId] = r.SubjectId,
            [LedgerColumns.Date] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [LedgerColumns.Indicator] = v.Key,
            [LedgerColumns.IndicatorName] = Indicators.Find(v.Key)?.NameZh,
            [LedgerColumns.Value] = v.Value,
            [LedgerColumns.ReportedBy] = r.ReportedBy,
            [LedgerColumns.Note] = r.Note,
        })), period is null ? $"reports-{year}" : $"reports-{period}");
    }

    public async Task<LedgerSheet> BoardAsync(string code, int year, BoardAsOf? asOf = null)
    {
        var locality = await grains.GetLocality(code).GetAsync();
        var board = asOf is null
            ? await grains.GetGrain<IScopeGrain>(Scopes.Locality(locality.Code)).GetBoardAsync(year)
            : await boards.ReadAsync(Scopes.Locality(locality.Code), year, asOf);
        return Sheet(board.Figures.Select(f => new Dictionary<string, object?>
        {
            [LedgerColumns.Indicator] = f.Indicator,
            [LedgerColumns.IndicatorName] = Indicators.Find(f.Indicator)?.NameZh,
            [LedgerColumns.Unit] = Indicators.Find(f.Indicator)?.Unit,
            [$"{year}年"] = f.Value,
            [$"{year - 1}年"] = f.PreviousValue,
            ["同比(%)"] = f.YoyPercent,
        }), $"board-{locality.Code}-{year}" + (board.Position is { } position ? $"-asof-{(asOf?.Day is { } day ? day.ToString("yyyy-MM-dd") : "p" + position)}" : ""));
    }

    private static LedgerSheet Sheet(IEnumerable<Dictionary<string, object?>> rows, string name) =>
        new(name, rows.Select(r => (IReadOnlyDictionary<string, object?>)r).ToArray());
}
