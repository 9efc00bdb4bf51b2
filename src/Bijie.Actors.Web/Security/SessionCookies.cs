using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Bijie.Actors.Web.Security;

/// <summary>The cookie session's mechanics: the user name as keyed, the cookie issued for a session, the session a cookie carries.</summary>
public static class SessionCookies
{
    /// <summary>
    /// The one answer to a sign-in that did not succeed: an unknown name, a wrong password, a disabled account and an
    /// attempt that has to wait read alike, so that no answer tells which names exist.
    /// </summary>
    public const string SignInFailed = "The user name or the password is wrong, or sign-in from this address has to wait after failed attempts.";

    /// <summary>A user name as accounts are keyed: trimmed, lower case.</summary>
    public static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();

    /// <summary>The answer to a sign-in (or password change) that has to wait: 429, Retry-After, and the one sign-in refusal text.</summary>
    public static ProblemHttpResult Wait(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: SignInFailed);
    }

    /// <summary>Signs the account's session in as the cookie, and makes it the request's user.</summary>
    public static async Task IssueCookieAsync(HttpContext context, AccountInfo account, string sessionId)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"user:{account.UserName}"),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role.ToString()),
            new Claim(SessionValidator.SessionClaim, sessionId),
            .. account.OrganizationId is null ? Array.Empty<Claim>() : [new Claim(ApiKeyAuthenticationHandler.OrganizationClaim, account.OrganizationId)],
        ], CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        context.User = principal;
    }

    /// <summary>The signed-in account's name and the cookie's session, or null for a caller with an API key.</summary>
    public static (string UserName, string Session)? CookieSession(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
        && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.StartsWith("user:", StringComparison.Ordinal)
        && user.FindFirstValue(SessionValidator.SessionClaim) is { } session
            ? (id["user:".Length..], session)
            : null;
}
