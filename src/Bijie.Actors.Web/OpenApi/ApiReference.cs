using Scalar.AspNetCore;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// The API reference page (Scalar, at <c>/api/reference</c>): the site's own document and the script Scalar.AspNetCore
/// serves from this site, nothing from any other host (the page's Content-Security-Policy allows this site only), and
/// none of the vendor's services: no fonts from its CDN, no telemetry, no AI agent or MCP, no developer-tools toolbar
/// (configure, share, SDK generation, deploy), no button that opens the vendor's client, no link to its site.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";

    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static void Configure(ScalarOptions options) => options
        .WithTitle(ApiDocumentation.Title)
        .WithOpenApiRoutePattern(DocumentRoute)
        .DisableDefaultFonts()
        .DisableTelemetry()
        .DisableAgent()
        .DisableMcp()
        .HideDeveloperTools()
        .HideClientButton()
        .AddPreferredSecuritySchemes([DocumentDescription.ApiKeyScheme])
        // The "Powered by" link in the sidebar's footer leads to the vendor's site; the page links nowhere else.
        .WithCustomCss("a[href^='https://scalar.com'] { display: none !important; }");
}
