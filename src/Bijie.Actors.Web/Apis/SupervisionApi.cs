namespace Bijie.Actors.Web.Apis;

/// <summary>督促推进: the pairings and projects that need an update, and reminders to their responsible persons.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/supervision").WithTags("Supervision").RequireAuthorization(Policies.Office);
        api.MapGet("/", ListAsync)
            .WithName("ListUpdatesNeeded")
            .WithSummary("Pairings and projects under way with a milestone past due or no report for too long, as of the end of period= (e.g. 2026Q3; default: today, in the current period); staff=, locality= (a county, township or village and below) and reason= narrow; named, longest waiting first; paged");
        api.MapPost("/reminders", async (IGrainFactory grains) => TypedResults.Ok(new
        {
            reminded = await grains.GetGrain<ISupervisionGrain>(0).RemindAsync(),
            approvers = await grains.GetGrain<ISupervisionGrain>(0).RemindApproversAsync(),
        }))
            .WithName("RemindResponsiblePersons").WithSummary("Reminds each responsible person now, in the office's inbox, and the approvers late with the last ended period's batches (逐级审核), in their localities' inboxes (both also done daily)");
        return api;
    }

    /// <summary>What needs an update (<see cref="IListings.SupervisionAsync"/>), a page at a time.</summary>
    public static Task<Ok<Page<UpdateNeededView>>> ListAsync(
        HttpRequest request, IListings listings, string? period, string? staff, string? locality, string? reason, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.SupervisionAsync(new SupervisionFilter(period, staff, locality, reason), offset, take));
}
