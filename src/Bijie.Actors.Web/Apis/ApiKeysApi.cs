namespace Bijie.Actors.Web.Apis;

/// <summary>API keys: issued by the admin, shown once, stored hashed, revocable.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        api.MapPost("/", IssueAsync).WithName("IssueApiKey").WithSummary("Issues a key; its token is in this answer only");
        api.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("Every key, without secrets");
        api.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revokes a key: at once on the host that answers, on the others within Bijie:Api:VerifiedKeyMemory");
        return api;
    }

    public static async Task<Created<IssuedKeyDto>> IssueAsync(IssueKeyRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var (key, token) = await Listing.InBody(() => ApiKeyIssuer.IssueAsync(grains, body.Owner ?? "", body.Role, body.OrganizationId, user.ToActor().Id));
        var issued = new IssuedKeyDto(key, token);
        return TypedResults.Created($"/api/v1/api-keys/{issued.Key.Id}", issued);
    }

    /// <summary>A page of keys, by id: the registry lists ids, and only the page's keys are loaded.</summary>
    public static Task<Ok<Page<ApiKeyInfo>>> ListAsync(HttpRequest request, IListings listings, int? page, int? size) =>
        Listing.PageAsync(request, page, size, listings.ApiKeysAsync);

    public static async Task<Ok<ApiKeyInfo>> RevokeAsync(string id, IGrainFactory grains, ClaimsPrincipal user, Security.ApiKeyVerifier verifier)
    {
        var revoked = await grains.GetGrain<IApiKeyGrain>(id).RevokeAsync(user.ToActor().Id);
        // This host stops accepting the key now; the others within Bijie:Api:VerifiedKeyMemory.
        verifier.Forget(id);
        return TypedResults.Ok(revoked);
    }
}
