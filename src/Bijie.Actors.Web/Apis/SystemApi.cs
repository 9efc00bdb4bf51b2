namespace Bijie.Actors.Web.Apis;

/// <summary>What this deployment is: the product, its version, and the programme's record of its hosts.</summary>
public static class SystemApi
{
    public static RouteGroupBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/system").WithTags("System");
        api.MapGet("/", GetSystemAsync)
            .WithName("GetSystem")
            .WithSummary("The product, its version and the programme's record of the hosts that started against its store");
        return api;
    }

    public static async Task<Ok<SystemInfo>> GetSystemAsync(IGrainFactory grains)
    {
        var programme = await grains.GetGrain<IProgrammeGrain>(ProgrammeKeys.Bijie).GetInfoAsync();
        return TypedResults.Ok(new SystemInfo(Product.NameZh, Product.NameEn, Product.CodeName, Product.Version, programme));
    }
}

/// <summary>The answer of <c>GET /api/v1/system</c>.</summary>
public sealed record SystemInfo(string NameZh, string NameEn, string CodeName, string Version, ProgrammeInfo Programme);

/// <summary>The product's names.</summary>
public static class Product
{
    public const string NameZh = "毕节组团式帮扶平台";
    public const string NameEn = "Bijie Pairing Assistance";
    public const string CodeName = "Bijie.Actors";

    public static string Version { get; } =
        typeof(Product).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
