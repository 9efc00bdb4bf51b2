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

    public static async Task<Ok<Page<PairingDto>>> ListAsync(
        HttpRequest request, IListings listings, string? locality, string? enterprise, string? helper, int? year, string? status, int? page, int? size)
    {
        var (p, s) = Listing.Paging(page, size);
        var slice = await listings.PairingsAsync(new ListingFilter(locality, enterprise, helper), year, status, (p - 1) * s, s);
        return TypedResults.Ok(Listing.Of(request, slice, p, s, PairingDto.From));
    }

    public static async Task<Ok<PairingDto>> GetAsync(string id, IGrainFactory grains, HttpResponse response)
    {
        var pairing = await grains.GetGrain<IPairingGrain>(id).GetAsync();
        ETags.Set(response, pairing.Version);
        return TypedResults.Ok(PairingDto.From(pairing));
    }

    /// <summary>Starts a pairing; its id follows from its sides, so the same pairing again answers 200 with the one that exists (or 409 when it differs).</summary>
    public static async Task<Results<Created<PairingDto>, Ok<PairingDto>>> StartAsync(StartPairingRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var request = body.ToCommand();
        var id = PairingIds.For(request);
        var grain = grains.GetGrain<IPairingGrain>(id);
        var existed = await Listing.ExistsAsync(grain.GetAsync);
        var pairing = PairingDto.From(await Listing.InBody(() => grain.StartAsync(request, user.ToActor())));
        return existed ? TypedResults.Ok(pairing) : TypedResults.Created($"/api/v1/pairings/{Uri.EscapeDataString(id)}", pairing);
    }

    public static async Task<Ok<PairingDto>> AssignAsync(string id, AssignResponsibleRequest body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context)
    {
        var pairing = await grains.GetGrain<IPairingGrain>(id).AssignResponsibleAsync(
            body.StaffId ?? throw DomainException.Invalid("staff.unknown", "staffId is required.", "staffId"), user.ToActor(), ETags.Expected(context.Request));
        ETags.Set(context.Response, pairing.Version);
        return TypedResults.Ok(PairingDto.From(pairing));
    }

    public static async Task<Ok<PairingDto>> EndAsync(string id, EndPairingRequest body, IGrainFactory grains, ClaimsPrincipal user, HttpContext context)
    {
        var pairing = await grains.GetGrain<IPairingGrain>(id).EndAsync(body.End, body.Reason ?? "", user.ToActor(), ETags.Expected(context.Request));
        ETags.Set(context.Response, pairing.Version);
        return TypedResults.Ok(PairingDto.From(pairing));
    }
}
