using Bijie.Actors.Web.Contracts;
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

    public static async Task<Ok<IReadOnlyList<SinceFigure>>> GetSince1988Async(IBoardReader boards) => TypedResults.Ok(await boards.Since1988Async());

    public static Task<Ok<BoardDto>> GetProjectBoardAsync(string id, int? year, string? asOf, long? position, string? asReportedBy, IBoardReader boards) =>
        SubjectAsync(boards, BoardSubject.Project, id, year, asOf, position, asReportedBy);

    public static Task<Ok<BoardDto>> GetPairingBoardAsync(string id, int? year, string? asOf, long? position, string? asReportedBy, IBoardReader boards) =>
        SubjectAsync(boards, BoardSubject.Pairing, id, year, asOf, position, asReportedBy);

    public static async Task<Ok<IReadOnlyList<TopEnterprise>>> GetTopEnterprisesAsync(string code, int? year, int? count, IBoardReader boards) =>
        TypedResults.Ok(await boards.TopEnterprisesAsync(code, year, count ?? 10));

    public static async Task<Ok<IReadOnlyList<TickerItem>>> GetLatestReportsAsync(string code, int? year, int? count, IBoardReader boards) =>
        TypedResults.Ok(await boards.LatestReportsAsync(code, year, count ?? 12));

    /// <summary>
    /// A locality's board: the one every open screen reads again after each change, so this web host serialises it
    /// once per change and hands the same bytes to the other readers (<see cref="Live.BoardCache"/>).
    /// </summary>
    /// <remarks>A board as of a day or a position is read from the ledger each time and not cached: few ask for one.</remarks>
    public static async Task<IResult> GetLocalityBoardAsync(
        string code, int? year, string? asOf, long? position, string? asReportedBy, IGrainFactory grains, IBoardReader boards, Live.BoardCache cache,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var point = BoardAsOf.Parse(asOf, position, asReportedBy);
        var locality = await grains.GetLocality(code).GetAsync(); // an unknown code answers 404
        return point is null
            ? TypedResults.Bytes(await cache.LocalityBoardAsync(locality, year, boards, json.Value.SerializerOptions), "application/json")
            : TypedResults.Ok(BoardDto.From(locality.Code, locality.Name, await boards.ReadAsync(Scopes.Locality(locality.Code), year, point)));
    }

    public static Task<Ok<BoardDto>> GetTrackBoardAsync(string track, int? year, string? asOf, long? position, string? asReportedBy, IBoardReader boards) =>
        SubjectAsync(boards, BoardSubject.Track, track, year, asOf, position, asReportedBy);

    public static Task<Ok<BoardDto>> GetHelperBoardAsync(string helperId, int? year, string? asOf, long? position, string? asReportedBy, IBoardReader boards) =>
        SubjectAsync(boards, BoardSubject.Helper, helperId, year, asOf, position, asReportedBy);

    public static Task<Ok<BoardDto>> GetEnterpriseBoardAsync(string creditCode, int? year, string? asOf, long? position, string? asReportedBy, IBoardReader boards) =>
        SubjectAsync(boards, BoardSubject.Enterprise, creditCode, year, asOf, position, asReportedBy);

    private static async Task<Ok<BoardDto>> SubjectAsync(IBoardReader boards, BoardSubject subject, string id, int? year, string? asOf, long? position, string? asReportedBy)
    {
        var (code, name, board) = await boards.ReadAsync(subject, id, year, BoardAsOf.Parse(asOf, position, asReportedBy));
        return TypedResults.Ok(BoardDto.From(code, name, board));
    }
}
