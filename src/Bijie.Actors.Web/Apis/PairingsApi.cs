namespace Bijie.Actors.Web.Apis;

/// <summary>Pairings (结对): list, read, start, end.</summary>
public static class PairingsApi
{
    public static RouteGroupBuilder MapPairingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/pairings").WithTags("Pairings");
        api.MapGet("/", ListAsync).WithName("ListPairings").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Pairings at a locality and below, of an enterprise or helper, active in a year; paged");
        api.MapGet("/{id}", GetAsync).WithName("GetPairing").RequireAuthorization(Policies.PublicRead)
            .WithSummary("A pairing");
        api.MapPost("/", StartAsync).WithName("StartPairing").RequireAuthorization(Policies.Office)
            .WithSummary("Starts a pairing; a pairing of the same sides that is active already is a 409");
        api.MapPut("/{id}/responsible", AssignAsync).WithName("AssignPairingResponsible").RequireAuthorization(Policies.Office)
            .WithSummary("Makes another person of the staff directory responsible for the pairing");
        api.MapPost("/{id}/end", EndAsync).WithName("EndPairing").RequireAuthorization(Policies.Office)
            .WithSummary("Ends a pairing on a date, with a reason");
        return api;
    }

    public static Task<Ok<Page<PairingDto>>> ListAsync(
        HttpRequest request, IListings listings, string? locality, string? enterprise, string? helper, int? year, string? status, int? page, int? size) =>
        Listing.PageAsync(request, page, size,
            (offset, take) => listings.PairingsAsync(new ListingFilter(locality, enterprise, helper), year, status, offset, take), PairingDto.From);

    public static async Task<Ok<PairingDto>> GetAsync(string id, IGrainFactory grains, HttpResponse response) =>
        Tagged(response, await grains.GetGrain<IPairingGrain>(id).GetAsync());

    private static Ok<PairingDto> Tagged(HttpResponse response, PairingInfo pairing) => ETags.Ok(response, pairing.Version, PairingDto.From(pairing));

    /// <summary>Starts a pairing; its id follows from its sides, so the same pairing again answers 200 with the one that exists (or 409 when it differs).</summary>
    public static async Task<Results<Created<PairingDto>, Ok<PairingDto>>> StartAsync(StartPairingRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var request = body.ToCommand();
        var id = PairingIds.For(request);
        var grain = grains.GetGrain<IPairingGrain>(id);
        var existed = await Listing.ExistsAsync(grain.GetAsync);
        var pairing = PairingDto.From(await Listing.InBody(() => grain.StartAsync(request, user.ToActor())));
        return Listing.CreatedOrFound(existed, $"/api/v1/pairings/{Uri.EscapeDataString(id)}", pairing);
    }

    public static async Task<Ok<PairingDto>> AssignAsync(string id, AssignResponsibleRequest body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context) =>
        Tagged(context.Response, await grains.GetGrain<IPairingGrain>(id).AssignResponsibleAsync(body.RequiredStaffId, user.ToActor(), ETags.Expected(context.Request)));

    public static async Task<Ok<PairingDto>> EndAsync(string id, EndPairingRequest body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context) =>
        Tagged(context.Response, await grains.GetGrain<IPairingGrain>(id).EndAsync(body.End, body.Reason ?? "", user.ToActor(), ETags.Expected(context.Request)));
}
