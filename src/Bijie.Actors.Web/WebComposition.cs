using Bijie.Actors.Abstractions.Configuration;
using System.Text.Json.Serialization;
using Bijie.Actors.Web.Apis;
using Bijie.Actors.Web.OpenApi;
using Bijie.Actors.Web.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Bijie.Actors.Web;

/// <summary>The web front end's services and routes, for the host's composition root.</summary>
public static class WebComposition
{
    public static IServiceCollection AddBijieWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // The sections read while composing are checked here; the others when the host starts (ValidateOnStart).
        var api = ValidatedOptions.Check(configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions(), ApiOptions.Section);
        var live = ValidatedOptions.Check(configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions(), LiveOptions.Section);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = api.MaxBodyBytes);
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        // Enums travel as their names ("Active", "EnterpriseVillage"), which programs and people can read. Only names: a
        // number (or "999") would bind to a member that does not exist, e.g. an API key of role 999 or a review decision -1.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new Problems.NoNulStringConverter());
        });
        services.AddOpenApi("v1", o => o.AddBijieDocumentation());
        services.AddSingleton<Live.BoardHubCallLimit>();
        services.AddSignalR(o =>
        {
            // The server pings every 5 s and the board waits 15 s for a sign of life (live.js): an idle board stays
            // connected, and a board whose host died behind a proxy notices within 15 s. The board pings every 10 s and
            // the server waits 30 s.
            o.KeepAliveInterval = TimeSpan.FromSeconds(5);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            o.AddFilter<Live.BoardHubCallLimit>();
        });
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Spreadsheets.ImportOptions>().Bind(configuration.GetSection(Spreadsheets.ImportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Live.BoardCache>();
        services.AddSingleton<Live.BoardPusher>();
        services.AddSingleton<Live.BoardHubBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<Live.BoardHubBridge>());
        services.AddSingleton(api);
        services.AddBijieRateLimits(api, live);
        services.AddBijieForwardedHeaders(configuration);
        var web = WebSecurityOptions.From(configuration);
        services.AddSingleton(web);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<CookieSignIn>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
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
                o.Cookie.SecurePolicy = web.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.LoginPath = "/login.html";
                // /api never redirects to a sign-in page: it answers 401 or 403.
                o.Events.OnRedirectToLogin = context => ApiAware(context, 401, "Sign in, or send an API key.");
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, 403, "Your role may not do this.");
                // A cookie works only while its session is listed by the account (sign-out and disable end it).
                o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(context);
            });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.SecurePolicy = web.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PublicRead, p => { if (api.PublicBoards) { p.RequireAssertion(_ => true); } else { p.RequireAuthenticatedUser(); } })
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Tenant, p => p.RequireRole(nameof(ActorRole.Helper), nameof(ActorRole.Enterprise), nameof(ActorRole.Locality), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Report, p => p.RequireRole(nameof(ActorRole.Helper), nameof(ActorRole.Enterprise), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.PostNeed, p => p.RequireRole(nameof(ActorRole.Locality), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
            .AddPolicy(Policies.Approve, p => p.RequireRole(nameof(ActorRole.Locality), nameof(ActorRole.Office), nameof(ActorRole.Admin)))
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
                    detail: "A write made with the session cookie needs the X-CSRF-TOKEN header from GET /api/v1/session.",
                    extensions: new Dictionary<string, object?> { ["code"] = "session.antiforgery" }).ExecuteAsync(context);
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
        app.MapHub<Live.BoardHub>("/hubs/boards").RequireAuthorization(Policies.PublicRead).RequireRateLimiting(RateLimits.HubConnections);
        app.MapPairingsApi();
        app.MapProjectsApi();
        app.MapReportsApi();
        app.MapOrganizationsApi();
        app.MapApiKeysApi();
        app.MapLedgerFilesApi();
        app.MapMattersApi();
        app.MapNeedsApi();
        app.MapWebhooksApi();
        app.MapInboxApi();
        app.MapHistoryApi();
        app.MapIntegrityApi();
        app.MapValidationRulesApi();
        app.MapSupervisionApi();
        app.MapEngagementsApi();
        app.MapPeriodsApi();
        app.MapChangesApi();
        app.MapApprovalsApi();
        app.MapOpenApi(ApiReference.DocumentRoute);
        app.MapScalarApiReference(ApiReference.Path, ApiReference.Configure); // nothing from other sites: the page's policy allows this site only
        return app;
    }
}
