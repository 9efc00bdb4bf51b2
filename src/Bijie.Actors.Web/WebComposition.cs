using System.Text.Json.Serialization;
using Bijie.Actors.Web.Apis;
using Bijie.Actors.Web.Problems;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bijie.Actors.Web;

/// <summary>The web front end's services and routes, for the host's composition root.</summary>
public static class WebComposition
{
    public static IServiceCollection AddBijieWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Enums travel as their names ("Active", "EnterpriseVillage"), which programs and people can read.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapBijieApis(this IEndpointRouteBuilder app)
    {
        app.MapSystemApi();
        app.MapLocalitiesApi();
        app.MapBoardsApi();
        return app;
    }
}
