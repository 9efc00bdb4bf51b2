using Microsoft.AspNetCore.Mvc;

namespace Bijie.Actors.Web.Apis;

/// <summary>
/// Research visits (调研指导), expert teams with their service batches (专家服务团, 专家指导组), and platforms
/// (党外院士工作站, 科技小院). Visits and batches are the only source of the research_visit_* and expert_service_*
/// figures on the boards.
/// </summary>
public static class EngagementsApi
{
    public static void MapEngagementsApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/visits").WithTags("Visits, experts and platforms");
        visits.MapGet("/", ListVisitsAsync).WithName("ListVisits").RequireAuthorization(Policies.PublicRead)
            .WithSummary("The year's standing visits, newest first, a page at a time; locality= (that place and below) and helper= narrow");
        visits.MapGet("/{id}", GetVisitAsync).WithName("GetVisit").RequireAuthorization(Policies.PublicRead).WithSummary("A visit");
        visits.MapPost("/", RecordVisitAsync).WithName("RecordVisit").RequireAuthorization(Policies.Report)
            .WithSummary("Records a visit: batch, helper, people, person-times, places, dates (a helper its own, the office anyone's); the id is the server's, the same Idempotency-Key again answers 200");
        visits.MapPost("/{id}/withdraw", WithdrawVisitAsync).WithName("WithdrawVisit").RequireAuthorization(Policies.Report)
            .WithSummary("Withdraws a visit with a reason: its figures are reversed");

        var teams = app.MapGroup("/api/v1/expert-teams").WithTags("Visits, experts and platforms");
        teams.MapGet("/", ListTeamsAsync).WithName("ListExpertTeams").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Expert service teams and guidance groups; helper= or track= narrows");
        teams.MapGet("/{id}", GetTeamAsync).WithName("GetExpertTeam").RequireAuthorization(Policies.PublicRead)
            .WithSummary("A team with its experts and its service batches");
        teams.MapPut("/{id}", RegisterTeamAsync).WithName("RegisterExpertTeam").RequireAuthorization(Policies.Office)
            .WithSummary("Registers or updates a team: name, kind, track, helpers, experts");
        teams.MapPost("/{id}/batches", RecordBatchAsync).WithName("RecordServiceBatch").RequireAuthorization(Policies.Report)
            .WithSummary("Records a service batch (Idempotency-Key required): places, dates, person-times");
        teams.MapPost("/{id}/batches/{entryId:guid}/withdraw", WithdrawBatchAsync).WithName("WithdrawServiceBatch").RequireAuthorization(Policies.Report)
            .WithSummary("Withdraws a service batch with a reason: its figures are reversed");

        var platforms = app.MapGroup("/api/v1/platforms").WithTags("Visits, experts and platforms");
        platforms.MapGet("/", ListPlatformsAsync).WithName("ListPlatforms").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Platforms; locality= (that place and below), kind= or helper= narrows");
        platforms.MapGet("/{id}", GetPlatformAsync).WithName("GetPlatform").RequireAuthorization(Policies.PublicRead).WithSummary("A platform");
        platforms.MapPut("/{id}", RegisterPlatformAsync).WithName("RegisterPlatform").RequireAuthorization(Policies.Office)
            .WithSummary("Registers or updates a platform: name, kind, track, place, helpers, established on");
    }

    /// <summary>A page of the year's standing visits, newest first (<see cref="IListings.VisitsAsync"/>).</summary>
    public static Task<Ok<Page<VisitInfo>>> ListVisitsAsync(
        HttpRequest request, IListings listings, TimeProvider time, ClaimsPrincipal user, int? year, string? locality, string? helper, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) =>
            listings.VisitsAsync(new ListingFilter(locality, null, helper), year ?? ProgrammeClock.Today(time).Year, offset, take, user.ToActor()));

    public static async Task<Ok<VisitInfo>> GetVisitAsync(string id, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(Visibility.Visit(await grains.GetGrain<IVisitGrain>(id).GetAsync(), user.ToActor()));

    /// <summary>
    /// Records a visit under an id the server mints from the caller and the Idempotency-Key: the same key again
    /// answers 200 with the same visit, and no client can choose (or take in advance) the id of anything.
    /// </summary>
    public static async Task<Results<Created<VisitInfo>, Ok<VisitInfo>>> RecordVisitAsync(
        RecordVisitRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        var visit = body.ToCommand();
        var id = Access.MintId(EngagementRules.VisitKind, user.ToActor(), idempotencyKey);
        var grain = grains.GetGrain<IVisitGrain>(id);
        var existed = idempotencyKey is not null && await Listing.ExistsAsync(grain.GetAsync);
        return Listing.CreatedOrFound(existed, $"/api/v1/visits/{id}", await grain.RecordAsync(visit, user.ToActor()));
    }

    public static async Task<Ok<VisitInfo>> WithdrawVisitAsync(string id, WithdrawRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IVisitGrain>(id).WithdrawAsync(body.Reason ?? "", user.ToActor()));

    public static Task<Ok<Page<ExpertTeamInfo>>> ListTeamsAsync(HttpRequest request, IListings listings, string? helper, Track? track, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.ExpertTeamsAsync(helper, track, offset, take));

    public static async Task<Ok<ExpertTeamView>> GetTeamAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        var grain = grains.GetGrain<IExpertTeamGrain>(id);
        var team = await grain.GetAsync();
        return TypedResults.Ok(new ExpertTeamView(team, Visibility.Batches(team, await grain.ListBatchesAsync(), user.ToActor())));
    }

    public static async Task<Ok<ExpertTeamInfo>> RegisterTeamAsync(string id, RegisterExpertTeamRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IExpertTeamGrain>(id).RegisterAsync(body.ToCommand(), user.ToActor()));

    public static async Task<Created<ServiceBatchInfo>> RecordBatchAsync(
        string id, RecordServiceBatchRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        var info = await grains.GetGrain<IExpertTeamGrain>(id).RecordBatchAsync(body.ToCommand(), idempotencyKey ?? "", user.ToActor());
        return TypedResults.Created($"/api/v1/expert-teams/{id}", info);
    }

    public static async Task<Ok<ServiceBatchInfo>> WithdrawBatchAsync(string id, Guid entryId, WithdrawRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IExpertTeamGrain>(id).WithdrawBatchAsync(entryId, body.Reason ?? "", user.ToActor()));

    public static Task<Ok<Page<PlatformInfo>>> ListPlatformsAsync(
        HttpRequest request, IListings listings, string? locality, PlatformKind? kind, string? helper, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.PlatformsAsync(locality, kind, helper, offset, take));

    public static async Task<Ok<PlatformInfo>> GetPlatformAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPlatformGrain>(id).GetAsync());

    public static async Task<Ok<PlatformInfo>> RegisterPlatformAsync(string id, RegisterPlatformRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IPlatformGrain>(id).RegisterAsync(body.ToCommand(), user.ToActor()));
}
