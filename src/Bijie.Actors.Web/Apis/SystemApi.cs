namespace Bijie.Actors.Web.Apis;

/// <summary>What this deployment is: the product, its version, and the programme's record of its hosts.</summary>
public static class SystemApi
{
    public static RouteGroupBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/system").WithTags("System");
        api.MapGet("/", GetSystemAsync)
            .WithName("GetSystem")
            .AllowAnonymous() // the product and its version are public; the host list is checked inside, for the admin only
            .WithSummary("The product and its version; for the admin also the programme's record of the hosts that started against its store");
        api.MapGet("/activations", GetActivationsAsync)
            .WithName("GetActivations")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("How the grains spread over the cluster's silos: activations per silo, by grain type (admin)");
        return api;
    }

    /// <summary>The programme's record names hosts and silo addresses: the admin's to see; anyone else sees the product and version.</summary>
    public static async Task<Ok<SystemInfo>> GetSystemAsync(IGrainFactory grains, ClaimsPrincipal user)
    {
        var programme = user.IsInRole(nameof(ActorRole.Admin))
            ? await grains.GetGrain<IProgrammeGrain>(ProgrammeKeys.Bijie).GetInfoAsync()
            : null;
        return TypedResults.Ok(new SystemInfo(Product.NameZh, Product.NameEn, Product.CodeName, Product.Version, programme));
    }

    public static async Task<Ok<IReadOnlyList<SiloActivations>>> GetActivationsAsync(IGrainFactory grains) =>
        TypedResults.Ok(await SiloActivations.OfClusterAsync(grains));
}
