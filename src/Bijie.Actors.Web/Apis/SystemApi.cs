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

    public static async Task<Ok<IReadOnlyList<SiloActivations>>> GetActivationsAsync(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        IReadOnlyList<SiloActivations> silos = statistics
            .GroupBy(s => s.SiloAddress.ToString())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SiloActivations(
                g.Key,
                g.Sum(s => s.ActivationCount),
                g.Where(s => s.ActivationCount > 0).GroupBy(s => ShortTypeName(s.GrainType))
                    .Select(t => (Type: t.Key, Count: t.Sum(s => s.ActivationCount))).OrderByDescending(t => t.Count)
                    .ToDictionary(t => t.Type, t => t.Count)))
            .ToArray();
        return TypedResults.Ok(silos);
    }

    /// <summary>Bijie.Actors.Grains.Rollups.ScopeGrain,Bijie.Actors.Grains → ScopeGrain.</summary>
    private static string ShortTypeName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
