using System.Text.Json.Serialization;
using Bijie.Actors.Web.Apis;
using Bijie.Actors.Web.Problems;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
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

    /// <summary>Requests per second one API key may make (twice that in a burst).</summary>
    public int RequestsPerSecondPerKey { get; set; } = 200;

    /// <summary>Requests per second one address may make without a key (twice that in a burst).</summary>
    public int AnonymousRequestsPerSecond { get; set; } = 100;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1_048_576;
}

/// <summary>The web front end's services and routes, for the host's composition root.</summary>
public static class WebComposition
{
    public static IServiceCollection AddBijieWeb(this IServiceCollection services, IConfiguration configuration)
    {
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        // Enums travel as their names ("Active", "EnterpriseVillage"), which programs and people can read. Only names: a
        // number (or "999") would bind to a member that does not exist, e.g. an API key of role 999 or a review decision -1.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new Problems.NoNulStringConverter());
        });
        services.AddOpenApi("v1", o => o.AddOperationTransformer<Security.AccessDocumentation>());
        services.AddSignalR();
        services.AddOptions<Live.BoardHubOptions>().Bind(configuration.GetSection(Live.BoardHubOptions.Section));
        services.AddSingleton<Live.BoardCache>();
        services.AddSingleton<Live.BoardPusher>();
        services.AddSingleton<Live.BoardHubBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<Live.BoardHubBridge>());
        services.AddSingleton(api);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("pages");
                }

                var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
                var perSecond = key is null ? api.AnonymousRequestsPerSecond : api.RequestsPerSecondPerKey;
                return RateLimitPartition.GetTokenBucketLimiter(key ?? $"ip:{context.Connection.RemoteIpAddress}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = Math.Max(1, perSecond / 10),
                    ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "This key (or address) sends faster than it may; wait as Retry-After says.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        // A request with an Authorization header is a program's (API key); any other is a browser's (cookie).
        services.AddAuthentication(Combined)
            .AddPolicyScheme(Combined, "API key or cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey("Authorization") ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "bijie.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.LoginPath = "/login.html";
                // /api never redirects to a sign-in page: it answers 401 or 403.
                o.Events.OnRedirectToLogin = context => ApiAware(context, 401, "Sign in, or send an API key.");
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, 403, "Your role may not do this.");
            });
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PublicRead, p => { if (api.PublicBoards) { p.RequireAssertion(_ => true); } else { p.RequireAuthenticatedUser(); } })
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Tenant, p => p.RequireRole(nameof(ActorRole.Helper), nameof(ActorRole.Enterprise), nameof(ActorRole.Locality), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Report, p => p.RequireRole(nameof(ActorRole.Helper), nameof(ActorRole.Enterprise), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.PostNeed, p => p.RequireRole(nameof(ActorRole.Locality), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Office, p => p.RequireRole(nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(ActorRole.Admin)));
        return services;
    }

    private const string Combined = "Bijie";

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return Results.Problem(statusCode: status, title: status == 401 ? "Unauthorized" : "Forbidden", detail: detail).ExecuteAsync(context.HttpContext);
    }

    /// <summary>A write to /api made with the session cookie must carry the antiforgery token; one made with an API key need not.</summary>
    public static IApplicationBuilder UseBijieAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var unsafeMethod = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (unsafeMethod && context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/v1/session")
            && !context.Request.Headers.ContainsKey("Authorization") && context.User.Identity?.IsAuthenticated == true)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Results.Problem(statusCode: 400, title: "Invalid request",
                    detail: "A write made with the session cookie needs the X-CSRF-TOKEN header from GET /api/v1/session.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    public static IEndpointRouteBuilder MapBijieApis(this IEndpointRouteBuilder app)
    {
        app.MapSessionApi();
        app.MapSystemApi();
        app.MapLocalitiesApi().RequireAuthorization(Policies.PublicRead);
        app.MapBoardsApi().RequireAuthorization(Policies.PublicRead);
        app.MapHub<Live.BoardHub>("/hubs/boards").RequireAuthorization(Policies.PublicRead);
        app.MapPairingsApi();
        app.MapProjectsApi();
        app.MapReportsApi();
        app.MapOrganizationsApi();
        app.MapApiKeysApi();
        app.MapLedgersApi();
        app.MapMattersApi();
        app.MapNeedsApi();
        app.MapWebhooksApi();
        app.MapInboxApi();
        app.MapHistoryApi();
        app.MapSupervisionApi();
        app.MapEngagementsApi();
        app.MapPeriodsApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("毕节组团式帮扶平台 API · Bijie Pairing Assistance API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
