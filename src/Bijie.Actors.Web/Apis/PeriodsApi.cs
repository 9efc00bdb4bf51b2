namespace Bijie.Actors.Web.Apis;

/// <summary>Reporting periods (quarters): their deadlines and the office's exceptions for late reports.</summary>
public static class PeriodsApi
{
    public static void MapPeriodsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/periods").WithTags("Reporting periods");
        api.MapGet("/", ListAsync).WithName("ListPeriods").RequireAuthorization(Policies.Read)
            .WithSummary("The four quarters of a year (default: this year) with their deadlines, whether closed, and exceptions");
        api.MapGet("/{period}", GetAsync).WithName("GetPeriod").RequireAuthorization(Policies.Read).WithSummary("A period, e.g. 2025Q1");
        api.MapPut("/{period}/deadline", SetDeadlineAsync).WithName("SetPeriodDeadline").RequireAuthorization(Policies.Office)
            .WithSummary("Moves a period's deadline (null: back to the default)");
        api.MapPut("/{period}/exceptions/{subjectId}", GrantAsync).WithName("GrantPeriodException").RequireAuthorization(Policies.Office)
            .WithSummary("Lets a pairing or project report on a closed period until a day, with a reason");
        api.MapDelete("/{period}/exceptions/{subjectId}", RevokeAsync).WithName("RevokePeriodException").RequireAuthorization(Policies.Office)
            .WithSummary("Takes an exception back");
    }

    private static IReportingPeriodGrain Period(IGrainFactory grains, string period)
    {
        ReportingPeriods.Require(period);
        return grains.GetGrain<IReportingPeriodGrain>(period);
    }

    /// <summary>The deadlines are everyone's; which pairings and projects were let report late, and why, is the office's (<see cref="Visibility.Period"/>).</summary>
    public static async Task<Ok<IReadOnlyList<PeriodInfo>>> ListAsync(IListings listings, ClaimsPrincipal user, int? year) =>
        TypedResults.Ok(await listings.PeriodsAsync(year, user.ToActor()));

    public static async Task<Ok<PeriodInfo>> GetAsync(string period, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(Visibility.Period(await Period(grains, period).GetAsync(), user.ToActor()));

    public static async Task<Ok<PeriodInfo>> SetDeadlineAsync(string period, SetDeadlineRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await Period(grains, period).SetDeadlineAsync(body.Deadline, user.ToActor()));

    public static async Task<Ok<PeriodInfo>> GrantAsync(string period, string subjectId, GrantExceptionRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await Period(grains, period).GrantExceptionAsync(subjectId, body.RequiredUntil, body.Reason ?? "", user.ToActor()));

    public static async Task<Ok<PeriodInfo>> RevokeAsync(string period, string subjectId, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await Period(grains, period).RevokeExceptionAsync(subjectId, user.ToActor()));
}
