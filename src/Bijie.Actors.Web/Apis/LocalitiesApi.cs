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

    public static async Task<Ok<LocalityNode>> GetTreeAsync(IGrainFactory grains)
    {
        var city = await grains.GetLocality(LocalityCodes.Bijie).GetAsync();
        var counties = await Task.WhenAll(city.Children.Select(async c =>
        {
            var county = await grains.GetLocality(c.Code).GetAsync();
            return new LocalityNode(county.Code, county.Name, county.Level.Name(), county.Children.Select(t => new LocalityNode(t.Code, t.Name, "township", [])).ToArray());
        }));
        return TypedResults.Ok(new LocalityNode(city.Code, city.Name, city.Level.Name(), counties));
    }

    public static async Task<Results<Ok<LocalityDto>, NotFound>> GetLocalityAsync(string code, IGrainFactory grains)
    {
        // A malformed or unknown code is the grain's NotFound refusal, which the problem handler answers with 404.
        var locality = await grains.GetLocality(code).GetAsync();
        return TypedResults.Ok(LocalityDto.From(locality));
    }
}
