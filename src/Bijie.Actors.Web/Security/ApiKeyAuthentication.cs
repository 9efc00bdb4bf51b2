using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer bjk_…</c> against the key's grain, through this host's memory of
/// verdicts (<see cref="ApiKeyVerifier"/>). A missing or bad key is a 401 with problem details, never a redirect.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OrganizationClaim = "bijie:org";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyTokens.TryParseBearer(header, out var id, out var secret))
        {
            return AuthenticateResult.Fail("The Authorization header does not carry a Bijie API key (Bearer bjk_…).");
        }

        var key = await verifier.VerifyAsync(id, secret);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Owner),
            new(ClaimTypes.Role, key.Role.ToString()),
        };
        if (key.OrganizationId is not null)
        {
            claims.Add(new Claim(OrganizationClaim, key.OrganizationId));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Results.Problem(statusCode: 401, title: "Unauthorized",
            detail: failure ?? "This needs an API key: Authorization: Bearer bjk_…").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: 403, title: "Forbidden", detail: "Your key's role may not do this.").ExecuteAsync(Context);
}

/// <summary>The authorisation policies of the API.</summary>
public static class Policies
{
    /// <summary>Reading boards and the public drill-down data: anyone when boards are public, else any key.</summary>
    public const string PublicRead = "public-read";

    /// <summary>Reading anything else: any key.</summary>
    public const string Read = "read";

    /// <summary>Reading what belongs to someone (reports): an organisation or a locality its own, the office any; not a viewer.</summary>
    public const string Tenant = "tenant";

    /// <summary>Reporting progress: helpers, enterprises, office, admin.</summary>
    public const string Report = "report";

    /// <summary>Posting needs: localities' offices, office, admin.</summary>
    public const string PostNeed = "post-need";

    /// <summary>Managing the programme: office and admin.</summary>
    public const string Office = "office";

    /// <summary>Managing keys and staff: admin.</summary>
    public const string Admin = "admin";
}

/// <summary>Who is calling, as the grains know actors.</summary>
public static class ClaimsPrincipalExtensions
{
    public static ActorRef ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
        Enum.TryParse<ActorRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : ActorRole.Viewer,
        user.FindFirstValue(ApiKeyAuthenticationHandler.OrganizationClaim));
}
