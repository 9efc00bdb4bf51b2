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

    public static Task<Ok<Page<MatterListItem>>> ListAsync(
        HttpRequest request, IListings listings, ClaimsPrincipal user, string? status, string? helper, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.MattersAsync(status, helper, offset, take, user.ToActor()));

    public static async Task<Ok<MatterView>> GetAsync(string id, IGrainFactory grains, TimeProvider time, HttpResponse response, ClaimsPrincipal user)
    {
        var grain = grains.GetGrain<IMatterGrain>(id);
        var info = Visibility.Matter(id, await grain.GetAsync(), user.ToActor());
        return ETags.Ok(response, info.Version, MatterView.From(info, time.GetUtcNow(), await grain.ServedByAsync()));
    }

    /// <summary>Raises a matter under the body's id, or one minted from the caller and the Idempotency-Key; the same matter again answers 200.</summary>
    public static async Task<Results<Created<MatterView>, Ok<MatterView>>> RaiseAsync(
        RaiseMatterRequest body, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, TimeProvider time, ClaimsPrincipal user)
    {
        var id = body.Id ?? Access.MintId("m", user.ToActor(), idempotencyKey);
        var request = body.ToCommand();
        var grain = grains.GetGrain<IMatterGrain>(id);
        var existed = await Listing.ExistsAsync(grain.GetAsync);
        var info = await grain.RaiseAsync(request, user.ToActor());
        return Listing.CreatedOrFound(existed, $"/api/v1/matters/{id}", MatterView.From(info, time.GetUtcNow(), await grain.ServedByAsync()));
    }

    public static async Task<Ok<MatterView>> AdvanceAsync(string id, MatterStepRequest body, IGrainFactory grains, TimeProvider time, ClaimsPrincipal user, HttpContext context)
    {
        var step = body.Parsed;
        var grain = grains.GetGrain<IMatterGrain>(id);
        var info = await grain.AdvanceAsync(step, body.Note, user.ToActor(), ETags.Expected(context.Request));
        return ETags.Ok(context.Response, info.Version, MatterView.From(info, time.GetUtcNow(), await grain.ServedByAsync()));
    }
}
