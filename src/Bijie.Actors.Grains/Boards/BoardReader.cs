using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Boards;

/// <summary>The boards composed from the roll-ups and the ledger (<see cref="IBoardReader"/>), one home for the API and the pushes.</summary>
public sealed class BoardReader(IGrainFactory grains, TimeProvider time, RankingCache rankings, IReportReader reports, ILedger ledger) : IBoardReader
{
    /// <summary>The most a ranking or the ticker gives at once.</summary>
    public const int MaxCount = 50;

    public Task<NamedBoard> ReadAsync(BoardSubject subject, string id, int? year) => ReadAsync(subject, id, year, null);

    public async Task<NamedBoard> ReadAsync(BoardSubject subject, string id, int? year, BoardAsOf? asOf)
    {
        var (code, name, scope) = subject switch
        {
            BoardSubject.Project => await ProjectAsync(id),
            BoardSubject.Pairing => await PairingAsync(id),
            BoardSubject.Helper => await HelperAsync(id),
            BoardSubject.Enterprise => await EnterpriseAsync(id),
            BoardSubject.Track => TrackOf(id),
            _ => throw new ArgumentOutOfRangeException(nameof(subject)),
        };
        return new NamedBoard(code, name, asOf is null ? await ReadAsync(scope, year) : await ReadAsync(scope, year, asOf));
    }

    private async Task<(string, string, string)> ProjectAsync(string id)
    {
        var project = await grains.GetGrain<IProjectGrain>(id).GetAsync();
        return (project.Id, project.Title, Scopes.Subject(project.Id));
    }

    private async Task<(string, string, string)> PairingAsync(string id)
    {
        var pairing = await grains.GetGrain<IPairingGrain>(id).GetAsync();
        return (pairing.Id, await grains.SubjectNameAsync(pairing.Id, "pairing") ?? pairing.Id, Scopes.Subject(pairing.Id));
    }

    private async Task<(string, string, string)> HelperAsync(string id)
    {
        var helper = await grains.GetGrain<IHelperGrain>(id).GetAsync();
        return (helper.Id, helper.NameZh, Scopes.Helper(helper.Id));
    }

    private async Task<(string, string, string)> EnterpriseAsync(string creditCode)
    {
        var enterprise = await grains.GetEnterprise(creditCode).GetAsync();
        return (enterprise.CreditCode, enterprise.Name, Scopes.Enterprise(enterprise.CreditCode));
    }

    private static (string, string, string) TrackOf(string code)
    {
        var track = Tracks.Parse(code)
            ?? throw DomainException.NotFound("track.unknown", $"'{code}' is not a track (regional, technology, industry, education, health, talent).", "track");
        return (track.Code(), track.NameZh(), Scopes.Track(track));
    }

    public async Task<Board> ReadAsync(string scope, int? year)
    {
        var thisYear = CheckYear(year);
        var rollup = grains.GetGrain<IScopeGrain>(scope);
        return await rollup.GetBoardAsync(year ?? await rollup.GetLatestYearAsync() ?? thisYear);
    }

    public async Task<Board> ReadAsync(string scope, int? year, BoardAsOf asOf)
    {
        ArgumentNullException.ThrowIfNull(asOf);
        var thisYear = CheckYear(year);
        if (asOf.Period is { } period)
        {
            // As reported by the period's deadline (the office may have moved it), for the period's year by default.
            var info = await grains.GetGrain<IReportingPeriodGrain>(period).GetAsync();
            return await ReadAsync(scope, year ?? info.First.Year, new BoardAsOf(info.Deadline, null)) with { AsReportedBy = period };
        }

        long position;
        if (asOf.Position is { } asked)
        {
            var head = await ledger.HeadAsync();
            position = asked <= head ? asked : throw DomainException.Invalid("board.as_of", $"The ledger's positions run from 0 to {head}.", "position");
        }
        else
        {
            // The end of the day in China Standard Time; a day not over yet is the ledger as it stands.
            var end = ProgrammeClock.EndOf(asOf.Day!.Value);
            position = end > time.GetUtcNow() ? await ledger.HeadAsync() : await ledger.PositionAtAsync(end);
        }

        var totals = RollupTotals.From(await ledger.ReadScopeThroughAsync(scope, position));
        return totals.Board(scope, year ?? totals.LatestYear() ?? thisYear) with { Position = position, AsOf = asOf.Day };
    }

    /// <summary>This year; a year before 1988 or after next year is refused.</summary>
    private int CheckYear(int? year)
    {
        var thisYear = ProgrammeClock.Today(time).Year;
        if (year is < 1988 || year > thisYear + 1)
        {
            throw DomainException.Invalid("board.year", $"The year must lie between 1988 and {thisYear + 1}.", "year");
        }

        return thisYear;
    }

    public async Task<IReadOnlyList<SinceFigure>> Since1988Async()
    {
        var city = grains.GetGrain<IScopeGrain>(Scopes.Locality(LocalityCodes.Bijie));
        var thisYear = ProgrammeClock.Today(time).Year;
        var figures = new List<SinceFigure>();
        foreach (var h in await grains.GetGrain<IHistoryGrain>(0).ListAsync())
        {
            // Only what the ledger holds after the history's year adds to it: nothing is counted twice.
            var indicator = Indicators.Find(h.Code);
            decimal live = 0;
            if (indicator?.Aggregation == Aggregation.DistinctCount)
            {
                live = await city.CountMembersFromAsync(h.Code, h.ThroughYear + 1);
            }
            else if (indicator is not null)
            {
                for (var year = h.ThroughYear + 1; year <= thisYear; year++)
                {
                    live += (await city.GetBoardAsync(year)).Figures.First(f => f.Indicator == h.Code).Value;
                }
            }

            figures.Add(new SinceFigure(h.Code, h.NameZh, h.NameEn, h.Unit, h.Value, h.ThroughYear, live, h.Value + live));
        }

        return figures;
    }

    public async Task<IReadOnlyList<TopEnterprise>> TopEnterprisesAsync(string localityCode, int? year, int count)
    {
        CheckCount(count, "enterprises");
        var locality = await grains.GetLocality(localityCode).GetAsync(); // an unknown code is 404
        var rollup = grains.GetGrain<IScopeGrain>(Scopes.Locality(locality.Code));
        var shown = year ?? await rollup.GetLatestYearAsync() ?? ProgrammeClock.Today(time).Year;
        var ranked = await rankings.GetOrAddAsync(locality.Code, shown, async () =>
        {
            var codes = await rollup.GetMembersAsync(Indicators.EnterprisePairingEnterprises, shown);
            var rows = await Task.WhenAll(codes.Select(async c =>
            {
                var board = await grains.GetGrain<IScopeGrain>(Scopes.Enterprise(c)).GetBoardAsync(shown);
                var enterprise = await grains.GetGrain<IEnterpriseGrain>(c).GetAsync();
                decimal Of(string indicator) => board.Figures.FirstOrDefault(f => f.Indicator == indicator)?.Value ?? 0;
                return new TopEnterprise(c, enterprise.Name, (int)Of(Indicators.EnterprisePairingVillages), Of(Indicators.InvestmentSignedYuan), Of(Indicators.InvestmentLandedYuan));
            }));
            return rows
                .OrderByDescending(r => r.SignedYuan).ThenByDescending(r => r.LandedYuan).ThenByDescending(r => r.Villages).ThenBy(r => r.CreditCode, StringComparer.Ordinal)
                .Take(MaxCount).ToArray();
        });
        return ranked.Take(count).ToArray();
    }

    public async Task<IReadOnlyList<TickerItem>> LatestReportsAsync(string localityCode, int? year, int count)
    {
        CheckCount(count, "reports");
        var locality = await grains.GetLocality(localityCode).GetAsync();
        var scope = Scopes.Locality(locality.Code);
        var shown = year ?? await grains.GetGrain<IScopeGrain>(scope).GetLatestYearAsync() ?? ProgrammeClock.Today(time).Year;
        return await reports.GetLatestAsync(scope, shown, count);
    }

    private static void CheckCount(int count, string what)
    {
        if (count is < 1 or > MaxCount)
        {
            throw DomainException.Invalid("board.count", $"Ask for 1 to {MaxCount} {what}.", "count");
        }
    }
}
