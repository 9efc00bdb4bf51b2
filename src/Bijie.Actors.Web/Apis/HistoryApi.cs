namespace Bijie.Actors.Web.Apis;

/// <summary>The programme's dated history since 1988.</summary>
public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/history").WithTags("History");
        api.MapGet("/", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IHistoryGrain>(0).ListAsync()))
            .WithName("GetHistory").RequireAuthorization(Policies.PublicRead).WithSummary("The dated totals since 1988");
        api.MapPut("/", ImportAsync).WithName("ImportHistory").RequireAuthorization(Policies.Office)
            .WithSummary("Imports dated totals (replacing those with the same codes)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<HistoryTotal>>> ImportAsync(IReadOnlyList<HistoryTotal> body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var history = grains.GetGrain<IHistoryGrain>(0);
        await history.ImportAsync(body ?? [], user.ToActor());
        return TypedResults.Ok(await history.ListAsync());
    }
}
