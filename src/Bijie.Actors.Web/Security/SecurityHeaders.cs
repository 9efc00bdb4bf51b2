namespace Bijie.Actors.Web.Security;

/// <summary>
/// Headers that keep a page from being turned against its users: a Content-Security-Policy that runs only this site's
/// script files (no inline script, no other origin), no framing, no MIME sniffing, no full addresses sent to other sites.
/// Style attributes are allowed (<c>style-src-attr 'unsafe-inline'</c>) because ECharts writes its tooltips as HTML with
/// style attributes; style elements and sheets still come only from this site.
/// </summary>
public static class SecurityHeaders
{
    private const string Common = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Every page of this site.</summary>
    public const string Pages = Common + "; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'";

    /// <summary>
    /// The API reference (Scalar) starts itself with an inline script and styles itself inline; it shows only the
    /// site's own OpenAPI document, so inline script is allowed on its path alone.
    /// </summary>
    public const string ApiReference = Common + "; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";

    /// <summary>The Orleans Dashboard (admins only) loads its script from files, and sets styles inline.</summary>
    public const string Dashboard = Common + "; script-src 'self'; style-src 'self' 'unsafe-inline'";

    public static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/api/reference") ? ApiReference
        : path.StartsWithSegments("/dashboard") ? Dashboard
        : Pages;

    /// <summary>
    /// Adds the headers to every answer (errors included: they are set as the answer starts), and Strict-Transport-Security
    /// to answers over https. Goes first in the pipeline, after the forwarded headers are applied.
    /// </summary>
    public static IApplicationBuilder UseBijieSecurityHeaders(this IApplicationBuilder app, WebSecurityOptions options)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (options.Hsts)
        {
            app.UseHsts();
        }

        return app;
    }
}
