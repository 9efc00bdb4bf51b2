namespace Bijie.Actors.Web.Apis;

/// <summary>Helper organisations and enterprises, the staff directory and the indicator catalogue.</summary>
public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var helpers = app.MapGroup("/api/v1/helpers").WithTags("Helpers");
        helpers.MapGet("/", ListHelpersAsync).WithName("ListHelpers").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Helper organisations, by kind; paged");
        helpers.MapGet("/{id}", async (string id, IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IHelperGrain>(id).GetAsync()))
            .WithName("GetHelper").RequireAuthorization(Policies.PublicRead).WithSummary("A helper organisation");
        helpers.MapPut("/{id}", RegisterHelperAsync).WithName("RegisterHelper").RequireAuthorization(Policies.Office)
            .WithSummary("Registers or updates a helper organisation");

        var enterprises = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises");
        enterprises.MapGet("/", ListEnterprisesAsync).WithName("ListEnterprises").RequireAuthorization(Policies.PublicRead)
            .WithSummary("Enterprises; with a locality, those paired with villages there; paged");
        enterprises.MapGet("/{creditCode}", GetEnterpriseAsync).WithName("GetEnterprise").RequireAuthorization(Policies.PublicRead)
            .WithSummary("An enterprise by its unified social credit code");
        enterprises.MapPut("/{creditCode}", RegisterEnterpriseAsync).WithName("RegisterEnterprise").RequireAuthorization(Policies.Office)
            .WithSummary("Registers or updates an enterprise; a code with a wrong check character is refused");

        app.MapGet("/api/v1/indicators", () => TypedResults.Ok(Indicators.All)).WithTags("Reference")
            .WithName("ListIndicators").RequireAuthorization(Policies.PublicRead).WithSummary("The indicator catalogue");
        app.MapGet("/api/v1/staff", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IReferenceGrain>(0).GetStaffAsync()))
            .WithTags("Reference").WithName("ListStaff").RequireAuthorization(Policies.Office).WithSummary("The programme office's staff directory");
        return app;
    }

    public static Task<Ok<Page<HelperProfile>>> ListHelpersAsync(HttpRequest request, IListings listings, HelperKind? kind, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.HelpersAsync(kind, offset, take));

    public static Task<Ok<Page<EnterpriseProfile>>> ListEnterprisesAsync(HttpRequest request, IListings listings, string? locality, int? year, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.EnterprisesAsync(locality, year, offset, take));

    public static async Task<Ok<HelperProfile>> RegisterHelperAsync(string id, HelperProfile body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await Listing.InBody(() => grains.GetGrain<IHelperGrain>(id).RegisterAsync(body with { Id = id, Strengths = body.Strengths ?? [] }, user.ToActor())));

    public static async Task<Ok<EnterpriseProfile>> GetEnterpriseAsync(string creditCode, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetEnterprise(creditCode).GetAsync());

    /// <summary>Registers or updates an enterprise; the grain refuses a credit code whose check character is wrong.</summary>
    public static async Task<Ok<EnterpriseProfile>> RegisterEnterpriseAsync(string creditCode, EnterpriseProfile body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IEnterpriseGrain>(creditCode).RegisterAsync(body with { CreditCode = creditCode }, user.ToActor()));
}
