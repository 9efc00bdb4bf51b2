namespace Bijie.Actors.Web.Apis;

/// <summary>督促推进: the pairings and projects that need an update, and reminders to their responsible persons.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/supervision").WithTags("Supervision").RequireAuthorization(Policies.Office);
        api.MapGet("/", async (IGrainFactory grains, string? period) =>
            {
                if (period is not null)
                {
                    ReportingPeriods.Require(period);
                }

                return TypedResults.Ok(await grains.GetGrain<ISupervisionGrain>(0).ListAsync(period));
            })
            .WithName("ListUpdatesNeeded")
            .WithSummary("Pairings and projects under way with a milestone past due or no report for too long, as of the end of period= (e.g. 2026Q3; default: today, in the current period)");
        api.MapPost("/reminders", async (IGrainFactory grains) => TypedResults.Ok(new { reminded = await grains.GetGrain<ISupervisionGrain>(0).RemindAsync() }))
            .WithName("RemindResponsiblePersons").WithSummary("Reminds each responsible person now, in the office's inbox (also done daily)");
        return api;
    }
}
