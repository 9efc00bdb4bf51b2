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

    public static async Task<Ok<Page<NeedSummary>>> ListAsync(HttpRequest request, IListings listings, string? status, Track? domain, string? locality, int? page, int? size)
    {
        var (p, s) = Listing.Paging(page, size);
        return TypedResults.Ok(Listing.Of(request, await listings.NeedsAsync(status, domain, locality, (p - 1) * s, s), p, s));
    }

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
        if (body.Id is not null)
        {
            throw DomainException.Invalid("need.id", "A need's id is made by the server; send an Idempotency-Key header to make a retry safe, not an id.", "id");
        }

        var id = Access.MintId("need", user.ToActor(), idempotencyKey);

        var request = new PostNeed(
            body.Domain ?? throw DomainException.Invalid("need.domain", "domain is required.", "domain"),
            body.LocalityCode ?? throw DomainException.Invalid("locality.unknown", "localityCode is required.", "localityCode"),
            body.Title ?? "", body.Description, body.BudgetYuan ?? 0, body.Urgency ?? NeedUrgency.Normal,
            body.Deadline ?? throw DomainException.Invalid("need.deadline", "deadline is required.", "deadline"));
        var grain = grains.GetGrain<INeedGrain>(id);
        var existed = idempotencyKey is not null && await Listing.ExistsAsync(grain.GetAsync);
        var need = await grain.PostAsync(request, user.ToActor());
        return existed ? TypedResults.Ok(need) : TypedResults.Created($"/api/v1/needs/{id}", need);
    }

    public static async Task<Ok<IReadOnlyList<MatchCandidate>>> CandidatesAsync(string id, IGrainFactory grains, int? count)
    {
        var candidates = await grains.GetGrain<INeedGrain>(id).CandidatesAsync();
        return TypedResults.Ok<IReadOnlyList<MatchCandidate>>(candidates.Take(Math.Clamp(count ?? 10, 1, 200)).ToArray());
    }

    public static async Task<Ok<NeedInfo>> MatchAsync(string id, MatchNeedRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<INeedGrain>(id).MatchAsync(
            body.HelperId ?? throw DomainException.Invalid("helper.unknown", "helperId is required.", "helperId"),
            body.ResponsibleStaffId ?? throw DomainException.Invalid("staff.unknown", "responsibleStaffId is required.", "responsibleStaffId"),
            user.ToActor()));

    public static async Task<Ok<NeedInfo>> CloseAsync(string id, CloseNeedRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var status = body.Status is NeedStatus.Fulfilled or NeedStatus.Withdrawn
            ? body.Status.Value
            : throw DomainException.Invalid("need.status", "status is Fulfilled or Withdrawn.", "status");
        return TypedResults.Ok(await grains.GetGrain<INeedGrain>(id).CloseAsync(status, user.ToActor()));
    }
}
