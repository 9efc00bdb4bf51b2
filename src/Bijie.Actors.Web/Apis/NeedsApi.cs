namespace Bijie.Actors.Web.Apis;

/// <summary>Needs ↔ strengths (毕节所需 ↔ 统战所长): localities post needs, the office confirms a ranked helper, the need becomes a project.</summary>
public static class NeedsApi
{
    public static RouteGroupBuilder MapNeedsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/needs").WithTags("Needs and strengths");
        api.MapGet("/", ListAsync).WithName("ListNeeds").RequireAuthorization(Policies.Read)
            .WithSummary("Needs, newest first; status=, domain=, locality= (a code: that place and below) filter");
        api.MapGet("/summary", SummaryAsync).WithName("GetNeedsSummary").RequireAuthorization(Policies.PublicRead)
            .WithSummary("For the boards: needs open, matched and fulfilled by domain and by county, and the days from need to match; locality= narrows to a place");
        api.MapGet("/{id}", GetAsync).WithName("GetNeed").RequireAuthorization(Policies.Read)
            .WithSummary("A need; its budget, description and poster only for the office and the locality it lies in");
        api.MapPost("/", PostAsync).WithName("PostNeed").RequireAuthorization(Policies.PostNeed)
            .WithSummary("Posts a need: domain, place, title, budget, urgency, deadline (a locality's office in its own place, the office anywhere); the id is the server's, the same Idempotency-Key again finds the same need");
        api.MapGet("/{id}/candidates", CandidatesAsync).WithName("GetNeedCandidates").RequireAuthorization(Policies.Office)
            .WithSummary("Helpers ranked for the need, with the reasons of each rank");
        api.MapPost("/{id}/match", MatchAsync).WithName("MatchNeed").RequireAuthorization(Policies.Office)
            .WithSummary("Confirms a helper: the need becomes a project in the library (入库) led by it");
        api.MapPost("/{id}/status", CloseAsync).WithName("CloseNeed").RequireAuthorization(Policies.PostNeed)
            .WithSummary("Fulfilled (office, once matched) or Withdrawn (while open)");
        return api;
    }

    public static Task<Ok<Page<NeedSummary>>> ListAsync(HttpRequest request, IListings listings, string? status, Track? domain, string? locality, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.NeedsAsync(status, domain, locality, offset, take));

    public static async Task<Ok<NeedsSummary>> SummaryAsync(IListings listings, string? locality) => TypedResults.Ok(await listings.NeedsSummaryAsync(locality));

    /// <summary>A need is published for helpers to take on; its budget, description and who posted it are the office's and its locality's.</summary>
    public static async Task<Ok<NeedView>> GetAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        var need = await grains.GetGrain<INeedGrain>(id).GetAsync();
        return TypedResults.Ok(NeedView.For(need, Access.OwnsPlace(user.ToActor(), need.LocalityCode)));
    }

    /// <summary>Posts a need under an id the server mints from the caller and the Idempotency-Key (the same key again finds the same need).</summary>
    public static async Task<Results<Created<NeedInfo>, Ok<NeedInfo>>> PostAsync(
        PostNeedRequest body, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        var request = body.ToCommand();
        var id = Access.MintId("need", user.ToActor(), idempotencyKey);
        var grain = grains.GetGrain<INeedGrain>(id);
        var existed = idempotencyKey is not null && await Listing.ExistsAsync(grain.GetAsync);
        return Listing.CreatedOrFound(existed, $"/api/v1/needs/{id}", await grain.PostAsync(request, user.ToActor()));
    }

    public static async Task<Ok<IReadOnlyList<MatchCandidate>>> CandidatesAsync(string id, IGrainFactory grains, int? count)
    {
        var candidates = await grains.GetGrain<INeedGrain>(id).CandidatesAsync();
        return TypedResults.Ok<IReadOnlyList<MatchCandidate>>(candidates.Take(Math.Clamp(count ?? 10, 1, 200)).ToArray());
    }

    public static async Task<Ok<NeedInfo>> MatchAsync(string id, MatchNeedRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<INeedGrain>(id).MatchAsync(body.RequiredHelperId, body.RequiredStaffId, user.ToActor()));

    public static async Task<Ok<NeedInfo>> CloseAsync(string id, CloseNeedRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<INeedGrain>(id).CloseAsync(body.Closing, user.ToActor()));
}
