namespace Bijie.Actors.Web.Apis;

/// <summary>Bijie's division tree: the city, its counties, townships and villages.</summary>
public static class LocalitiesApi
{
    public static RouteGroupBuilder MapLocalitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/localities").WithTags("Localities");
        api.MapGet("/", GetTreeAsync)
            .WithName("GetLocalityTree")
            .WithSummary("Bijie's tree: the city, its counties and their townships (a township's villages: GET /localities/{code})");
        api.MapGet("/{code}", GetLocalityAsync)
            .WithName("GetLocality")
            .WithSummary("A locality by division code, with its parent and the localities directly under it");
        return api;
    }

    public static async Task<Ok<LocalityNode>> GetTreeAsync(IListings listings) => TypedResults.Ok(await listings.LocalityTreeAsync());

    /// <summary>A malformed or unknown code is the grain's NotFound refusal, which the problem handler answers with 404.</summary>
    public static async Task<Ok<LocalityDto>> GetLocalityAsync(string code, IGrainFactory grains) =>
        TypedResults.Ok(LocalityDto.From(await grains.GetLocality(code).GetAsync()));
}
