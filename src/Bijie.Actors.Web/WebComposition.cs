using System.Text.Json.Serialization;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Web.Apis;
using Bijie.Actors.Web.Problems;
using Bijie.Actors.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Bijie.Actors.Web;

/// <summary>Options of the API (configuration section <c>Bijie:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Bijie:Api";

    /// <summary>Boards and the public drill-down data (localities, pairings, projects) need no key.</summary>
    public bool PublicBoards { get; set; } = true;
}

/// <summary>The web front end's services and routes, for the host's composition root.</summary>
public static class WebComposition
{
    public static IServiceCollection AddBijieWeb(this IServiceCollection services, IConfiguration configuration)
    {
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        // Enums travel as their names ("Active", "EnterpriseVillage"), which programs and people can read.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi("v1");
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PublicRead, p => { if (api.PublicBoards) { p.RequireAssertion(_ => true); } else { p.RequireAuthenticatedUser(); } })
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Report, p => p.RequireRole(nameof(ActorRole.Helper), nameof(ActorRole.Enterprise), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Office, p => p.RequireRole(nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(ActorRole.Admin)));
        return services;
    }

    public static IEndpointRouteBuilder MapBijieApis(this IEndpointRouteBuilder app)
    {
        app.MapSystemApi();
        app.MapLocalitiesApi().RequireAuthorization(Policies.PublicRead);
        app.MapBoardsApi().RequireAuthorization(Policies.PublicRead);
        app.MapPairingsApi();
        app.MapProjectsApi();
        app.MapReportsApi();
        app.MapOrganizationsApi();
        app.MapApiKeysApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("毕节组团式帮扶平台 API · Bijie Pairing Assistance API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
