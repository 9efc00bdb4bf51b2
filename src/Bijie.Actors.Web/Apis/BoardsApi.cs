using Bijie.Actors.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Bijie.Actors.Web.Apis;

/// <summary>Live boards: the programme's figures for a locality, a domain, a helper or an enterprise, for a year.</summary>
public static class BoardsApi
{
    public static RouteGroupBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/boards").WithTags("Boards");
        api.MapGet("/{code}", GetLocalityBoardAsync).WithName("GetLocalityBoard")
            .WithSummary("The live figures of a locality (city, county, township, village) for a year, with the previous year and the change");
        api.MapGet("/domains/{track}", GetTrackBoardAsync).WithName("GetDomainBoard")
            .WithSummary("The live figures of the regional track or one of the five domains for a year");
        api.MapGet("/helpers/{helperId}", GetHelperBoardAsync).WithName("GetHelperBoard")
            .WithSummary("The live figures of a helper organisation's pairings and projects for a year");
        api.MapGet("/enterprises/{creditCode}", GetEnterpriseBoardAsync).WithName("GetEnterpriseBoard")
            .WithSummary("The live figures of an enterprise's pairings for a year");
        return api;
    }

    public static async Task<Results<Ok<BoardDto>, NotFound, ValidationProblem>> GetLocalityBoardAsync(string code, int? year, IGrainFactory grains, TimeProvider time)
    {
        var locality = await grains.GetLocality(code).GetAsync(); // an unknown code answers 404
        return await BoardAsync(grains, Scopes.Locality(locality.Code), locality.Code, locality.Name, year, time);
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

/// <summary>An indicator's figure as the API writes it.</summary>
public sealed record BoardFigureDto(decimal Value, decimal? PreviousValue, decimal? YoyPercent, string NameZh, string NameEn, string Unit);

/// <summary>The answer of the boards endpoints: <c>{ code, year, indicators: { code: { value, previousValue, yoyPercent } } }</c>.</summary>
public sealed record BoardDto(string Code, string Name, int Year, IReadOnlyDictionary<string, BoardFigureDto> Indicators, IReadOnlyDictionary<string, IReadOnlyList<decimal>> Months)
{
    public static BoardDto From(string code, string name, Board board) => new(
        code, name, board.Year,
        board.Figures.ToDictionary(
            f => f.Indicator,
            f =>
            {
                var indicator = Abstractions.Indicators.Find(f.Indicator)!;
                return new BoardFigureDto(f.Value, f.PreviousValue, f.YoyPercent, indicator.NameZh, indicator.NameEn, indicator.Unit);
            }),
        board.Months);
}
