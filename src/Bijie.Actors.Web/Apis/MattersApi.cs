namespace Bijie.Actors.Web.Apis;

/// <summary>Support matters (争取支持事项): raised by the office with a helper, handled 交办 → 承办 → 办结 → 反馈, escalated when overdue.</summary>
public static class MattersApi
{
    public static RouteGroupBuilder MapMattersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/matters").WithTags("Support matters");
        api.MapGet("/", ListAsync).WithName("ListMatters").RequireAuthorization(Policies.Read)
            .WithSummary("Support matters; status=open|overdue|closed filters, helper= names the helper");
        api.MapGet("/{id}", GetAsync).WithName("GetMatter").RequireAuthorization(Policies.Read).WithSummary("A support matter with its steps");
        api.MapPost("/", RaiseAsync).WithName("RaiseMatter").RequireAuthorization(Policies.Office)
            .WithSummary("Raises a matter with a helper: responsible person, due date (交办)");
        api.MapPost("/{id}/steps", AdvanceAsync).WithName("AdvanceMatter").RequireAuthorization(Policies.Report)
            .WithSummary("Takes the next step: Undertaken (承办) and Concluded (办结) by the helper or the office, FedBack (反馈) by the office");
        return api;
    }

    public static async Task<Ok<Page<MatterListItem>>> ListAsync(
        HttpRequest request, IListings listings, ClaimsPrincipal user, string? status, string? helper, int? page, int? size)
    {
        var (p, s) = Listing.Paging(page, size);
        return TypedResults.Ok(Listing.Of(request, await listings.MattersAsync(status, helper, (p - 1) * s, s, user.ToActor()), p, s));
    }

    public static async Task<Ok<MatterView>> GetAsync(string id, IGrainFactory grains, TimeProvider time, HttpResponse response, ClaimsPrincipal user)
    {
        var grain = grains.GetGrain<IMatterGrain>(id);
        var info = await grain.GetAsync();
        var actor = user.ToActor();
        if (!Visibility.SeesMatter(info.HelperId, actor))
        {
            throw DomainException.NotFound("matter.unknown", $"No support matter '{id}'.", "matterId");
        }

        ETags.Set(response, info.Version);
        return TypedResults.Ok(MatterView.From(info, time.GetUtcNow(), await grain.ServedByAsync()));
    }

    /// <summary>Raises a matter under the body's id, or one minted from the caller and the Idempotency-Key; the same matter again answers 200.</summary>
    public static async Task<Results<Created<MatterView>, Ok<MatterView>>> RaiseAsync(
        RaiseMatterRequest body, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, TimeProvider time, ClaimsPrincipal user)
    {
        var id = body.Id ?? Access.MintId("m", user.ToActor(), idempotencyKey);

        var request = new RaiseMatter(body.Title ?? "", body.Description, body.HelperId ?? throw DomainException.Invalid("helper.unknown", "helperId is required.", "helperId"),
            body.LocalityCode, body.Domain, body.ResponsibleStaffId ?? throw DomainException.Invalid("staff.unknown", "responsibleStaffId is required.", "responsibleStaffId"),
            body.Due ?? throw DomainException.Invalid("matter.due", "due is required.", "due"));
        var grain = grains.GetGrain<IMatterGrain>(id);
        var existed = await Listing.ExistsAsync(grain.GetAsync);
        var info = await grain.RaiseAsync(request, user.ToActor());
        var view = MatterView.From(info, time.GetUtcNow(), await grain.ServedByAsync());
        return existed ? TypedResults.Ok(view) : TypedResults.Created($"/api/v1/matters/{id}", view);
    }

    public static async Task<Ok<MatterView>> AdvanceAsync(string id, MatterStepRequest body, IGrainFactory grains, TimeProvider time, ClaimsPrincipal user, HttpContext context)
    {
        var step = EnumNames.Parse<MatterStep>(body.Step) is { } parsed
            ? parsed
            : throw DomainException.Invalid("matter.step", "step is Undertaken, Concluded or FedBack.", "step");
        var grain = grains.GetGrain<IMatterGrain>(id);
        var info = await grain.AdvanceAsync(step, body.Note, user.ToActor(), ETags.Expected(context.Request));
        ETags.Set(context.Response, info.Version);
        return TypedResults.Ok(MatterView.From(info, time.GetUtcNow(), await grain.ServedByAsync()));
    }
}
