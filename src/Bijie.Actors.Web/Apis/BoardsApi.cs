using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Apis;

/// <summary>Live boards: the programme's figures for a locality, a domain, a helper or an enterprise, for a year.</summary>
public static class BoardsApi
{
    public static RouteGroupBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/boards").WithTags("Boards");
        api.MapGet("/{code}", GetLocalityBoardAsync).WithName("GetLocalityBoard").Produces<BoardDto>().ProducesValidationProblem()
            .WithSummary("The live figures of a locality (city, county, township, village) for a year, with the previous year and the change");
        api.MapGet("/domains/{track}", GetTrackBoardAsync).WithName("GetDomainBoard")
            .WithSummary("The live figures of the regional track or one of the five domains for a year");
        api.MapGet("/helpers/{helperId}", GetHelperBoardAsync).WithName("GetHelperBoard")
            .WithSummary("The live figures of a helper organisation's pairings and projects for a year");
        api.MapGet("/enterprises/{creditCode}", GetEnterpriseBoardAsync).WithName("GetEnterpriseBoard")
            .WithSummary("The live figures of an enterprise's pairings for a year");
        api.MapGet("/{code}/latest-reports", GetLatestReportsAsync).WithName("GetLatestReports")
            .WithSummary("The latest reports of a year in a locality, as the boards' ticker shows them (live: the hub's 'reported' message)");
        api.MapGet("/{code}/top-enterprises", GetTopEnterprisesAsync).WithName("GetTopEnterprises")
            .WithSummary("The enterprises paired in a locality in a year, ranked by investment signed, then landed, then villages paired");
        api.MapGet("/since-1988", GetSince1988Async).WithName("GetSince1988Board")
            .WithSummary("The programme since 1988: each dated history total plus what the ledger holds after its year");
        api.MapGet("/projects/{id}", GetProjectBoardAsync).WithName("GetProjectBoard")
            .WithSummary("The live figures reported on one project for a year");
        api.MapGet("/pairings/{id}", GetPairingBoardAsync).WithName("GetPairingBoard")
            .WithSummary("The live figures reported on one pairing for a year");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<SinceFigureDto>>> GetSince1988Async(IGrainFactory grains, TimeProvider time)
    {
        var city = grains.GetGrain<IScopeGrain>(Scopes.Locality(LocalityCodes.Bijie));
        var thisYear = ProgrammeClock.Today(time).Year;
        var figures = new List<SinceFigureDto>();
        foreach (var h in await grains.GetGrain<IHistoryGrain>(0).ListAsync())
        {
            // Only what the ledger holds after the history's year adds to it: nothing is counted twice.
            var indicator = Abstractions.Indicators.Find(h.Code);
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

            figures.Add(new SinceFigureDto(h.Code, h.NameZh, h.NameEn, h.Unit, h.Value, h.ThroughYear, live, h.Value + live));
        }

        return TypedResults.Ok<IReadOnlyList<SinceFigureDto>>(figures);
    }

    public static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> GetProjectBoardAsync(string id, int? year, IGrainFactory grains, TimeProvider time)
    {
        var project = await grains.GetGrain<IProjectGrain>(id).GetAsync();
        return await BoardAsync(grains, Scopes.Subject(project.Id), project.Id, project.Title, year, time);
    }

    public static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> GetPairingBoardAsync(string id, int? year, IGrainFactory grains, TimeProvider time)
    {
        var pairing = await grains.GetGrain<IPairingGrain>(id).GetAsync();
        return await BoardAsync(grains, Scopes.Subject(pairing.Id), pairing.Id, pairing.Id, year, time);
    }

    public static async Task<Results<Ok<IReadOnlyList<TopEnterpriseDto>>, NotFound, ValidationProblem>> GetTopEnterprisesAsync(
        string code, int? year, int? count, IGrainFactory grains, TimeProvider time, Live.RankingCache rankings)
    {
        var locality = await grains.GetLocality(code).GetAsync();
        if (count is < 1 or > 50)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["Ask for 1 to 50 enterprises."] });
        }

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
                return new TopEnterpriseDto(c, enterprise.Name, (int)Of(Indicators.EnterprisePairingVillages), Of(Indicators.InvestmentSignedYuan), Of(Indicators.InvestmentLandedYuan));
            }));
            return rows
                .OrderByDescending(r => r.SignedYuan).ThenByDescending(r => r.LandedYuan).ThenByDescending(r => r.Villages).ThenBy(r => r.CreditCode, StringComparer.Ordinal)
                .Take(50).ToArray();
        });
        return TypedResults.Ok<IReadOnlyList<TopEnterpriseDto>>(ranked.Take(count ?? 10).ToArray());
    }

    public static async Task<Results<Ok<IReadOnlyList<TickerItem>>, NotFound, ValidationProblem>> GetLatestReportsAsync(
        string code, int? year, int? count, IGrainFactory grains, TimeProvider time)
    {
        var locality = await grains.GetLocality(code).GetAsync();
        if (count is < 1 or > 50)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["Ask for 1 to 50 reports."] });
        }

        var shown = year ?? await grains.GetGrain<IScopeGrain>(Scopes.Locality(locality.Code)).GetLatestYearAsync() ?? ProgrammeClock.Today(time).Year;
        return TypedResults.Ok(await grains.GetGrain<IReportIntakeGrain>(0).GetLatestAsync(Scopes.Locality(locality.Code), shown, count ?? 12));
    }

    /// <summary>
    /// A locality's board: the one every open screen reads again after each change, so this web host serialises it
    /// once per change and hands the same bytes to the other readers (<see cref="Live.BoardCache"/>).
    /// </summary>
    public static async Task<IResult> GetLocalityBoardAsync(
        string code, int? year, IGrainFactory grains, TimeProvider time, Live.BoardCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var locality = await grains.GetLocality(code).GetAsync(); // an unknown code answers 404
        var (bytes, failed) = await LocalityBoardJsonAsync(locality, year, grains, time, cache, json.Value.SerializerOptions);
        return failed ?? TypedResults.Bytes(bytes, "application/json");
    }

    /// <summary>A locality's board as JSON, through this host's <see cref="Live.BoardCache"/>; or the refusal of a bad year.</summary>
    public static async Task<(byte[] Json, IResult? Refusal)> LocalityBoardJsonAsync(
        LocalityInfo locality, int? year, IGrainFactory grains, TimeProvider time, Live.BoardCache cache, System.Text.Json.JsonSerializerOptions json)
    {
        var failed = (IResult?)null;
        var bytes = await cache.GetOrAddAsync(Scopes.Locality(locality.Code), year, async () =>
        {
            var answer = await BoardAsync(grains, Scopes.Locality(locality.Code), locality.Code, locality.Name, year, time);
            if (answer.Result is Ok<BoardDto> ok)
            {
                return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ok.Value, json);
            }

            failed = answer.Result; // a bad year: answered as it is, never kept
            return [];
        });
        return (bytes, failed);
    }

    public static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> GetTrackBoardAsync(string track, int? year, IGrainFactory grains, TimeProvider time)
    {
        var parsed = Tracks.Parse(track)
            ?? throw DomainException.NotFound("track.unknown", $"'{track}' is not a track (regional, technology, industry, education, health, talent).", "track");
        return await BoardAsync(grains, Scopes.Track(parsed), parsed.Code(), parsed.NameZh(), year, time);
    }

    public static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> GetHelperBoardAsync(string helperId, int? year, IGrainFactory grains, TimeProvider time)
    {
        var helper = await grains.GetGrain<IHelperGrain>(helperId).GetAsync();
        return await BoardAsync(grains, Scopes.Helper(helper.Id), helper.Id, helper.NameZh, year, time);
    }

    public static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> GetEnterpriseBoardAsync(string creditCode, int? year, IGrainFactory grains, TimeProvider time)
    {
        if (!CreditCodes.IsValid(creditCode))
        {
            throw DomainException.NotFound("enterprise.unknown", $"'{creditCode}' is not a valid unified social credit code.", "creditCode");
        }

        var enterprise = await grains.GetGrain<IEnterpriseGrain>(creditCode).GetAsync();
        return await BoardAsync(grains, Scopes.Enterprise(enterprise.CreditCode), enterprise.CreditCode, enterprise.Name, year, time);
    }

    private static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> BoardAsync(
        IGrainFactory grains, string scope, string code, string name, int? year, TimeProvider time)
    {
        var thisYear = ProgrammeClock.Today(time).Year;
        if (year is < 1988 || year > thisYear + 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["year"] = [$"The year must lie between 1988 and {thisYear + 1}."],
            });
        }

        var rollup = grains.GetGrain<IScopeGrain>(scope);
        var shown = year ?? await rollup.GetLatestYearAsync() ?? thisYear;
        var board = await rollup.GetBoardAsync(shown);
        return TypedResults.Ok(BoardDto.From(code, name, board));
    }
}

/// <summary>A "since 1988" figure: the dated history, what came after it, and the sum.</summary>
public sealed record SinceFigureDto(string Code, string NameZh, string NameEn, string Unit, decimal History, int ThroughYear, decimal Live, decimal Total);

/// <summary>An enterprise of a board's ranking.</summary>
public sealed record TopEnterpriseDto(string CreditCode, string Name, int Villages, decimal SignedYuan, decimal LandedYuan);

/// <summary>An indicator's figure as the API writes it.</summary>
/// <remarks><c>reviewedValue</c>: the part of a summed figure whose reports the office approved (审核); <c>reviewedPercent</c> its share.</remarks>
public sealed record BoardFigureDto(decimal Value, decimal? PreviousValue, decimal? YoyPercent, string NameZh, string NameEn, string Unit,
    decimal? ReviewedValue = null, decimal? ReviewedPercent = null);

/// <summary>The answer of the boards endpoints: <c>{ code, year, indicators: { code: { value, previousValue, yoyPercent } } }</c>.</summary>
/// <remarks><c>scope</c> is the group a browser joins on the live hub (/hubs/boards) to hear when these figures change;
/// <c>funnel</c> counts the live projects that had reached each stage of the library by the end of the year.</remarks>
public sealed record BoardDto(
    string Code,
    string Name,
    int Year,
    IReadOnlyDictionary<string, BoardFigureDto> Indicators,
    IReadOnlyDictionary<string, IReadOnlyList<decimal>> Months,
    string Scope,
    IReadOnlyDictionary<string, int> Funnel)
{
    public static BoardDto From(string code, string name, Board board) => new(
        code, name, board.Year,
        board.Figures.ToDictionary(
            f => f.Indicator,
            f =>
            {
                var indicator = Abstractions.Indicators.Find(f.Indicator)!;
                decimal? reviewed = board.Reviewed?.TryGetValue(f.Indicator, out var r) == true ? r : null;
                decimal? share = reviewed is { } part && f.Value > 0 ? decimal.Round(part / f.Value * 100m, 1, MidpointRounding.AwayFromZero) : null;
                return new BoardFigureDto(f.Value, f.PreviousValue, f.YoyPercent, indicator.NameZh, indicator.NameEn, indicator.Unit, reviewed, share);
            }),
        board.Months,
        board.Scope,
        board.Funnel ?? new Dictionary<string, int>());
}
