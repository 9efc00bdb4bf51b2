using Bijie.Actors.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Bijie.Actors.Web.Apis;

/// <summary>Bijie's division tree: the city, its counties, townships and villages.</summary>
public static class LocalitiesApi
{
    public static RouteGroupBuilder MapLocalitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/localities").WithTags("Localities");
        api.MapGet("/{code}", GetLocalityAsync)
            .WithName("GetLocality")
            .WithSummary("A locality by division code, with its parent and the localities directly under it");
        return api;
    }

    public static async Task<Results<Ok<LocalityDto>, NotFound>> GetLocalityAsync(string code, IGrainFactory grains)
    {
        // A malformed or unknown code is the grain's NotFound refusal, which the problem handler answers with 404.
        var locality = await grains.GetLocality(code).GetAsync();
        return TypedResults.Ok(LocalityDto.From(locality));
    }
}

/// <summary>The answer of <c>GET /api/v1/localities/{code}</c>.</summary>
public sealed record LocalityDto(
    string Code,
    string Name,
    string OfficialName,
    string Level,
    string? ParentCode,
    IReadOnlyList<LocalityRef> Lineage,
    IReadOnlyList<LocalityRef> Children)
{
    public static LocalityDto From(LocalityInfo l) =>
        new(l.Code, l.Name, l.OfficialName, l.Level.Name(), l.ParentCode, l.Lineage, l.Children);
}
