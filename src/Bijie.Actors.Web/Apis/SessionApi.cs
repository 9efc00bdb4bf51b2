using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Bijie.Actors.Web.Apis;

/// <summary>
/// Sign-in in the browser for office staff, helpers and enterprises: a cookie session. Writes made with the cookie
/// carry the antiforgery token that GET /api/v1/session hands out (header X-CSRF-TOKEN).
/// </summary>
public static class SessionApi
{
    /// <summary>
    /// The one answer to a sign-in that did not succeed: an unknown name, a wrong password, a disabled account and an
    /// attempt that has to wait read alike, so that no answer tells which names exist.
    /// </summary>
    public const string SignInFailed = "The user name or the password is wrong, or sign-in from this address has to wait after failed attempts.";

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/v1/session").WithTags("Sign-in");
        session.MapPost("/", SignInAsync).WithName("SignIn").AllowAnonymous().DisableAntiforgery()
            .WithSummary("Signs in with user name and password; after failed attempts an address waits longer each time (429 with Retry-After), an account is never locked");
        session.MapGet("/", Current).WithName("GetSession").RequireAuthorization(Policies.Read)
            .WithSummary("Who is signed in, and the antiforgery token for writes made with the cookie");
        session.MapDelete("/", SignOutAsync).WithName("SignOut").RequireAuthorization(Policies.Read)
            .WithSummary("Signs out: the cookie's session ends and the cookie stops working (everywhere=true: every session of the account)");
        session.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword").RequireAuthorization(Policies.Read).DisableAntiforgery()
            .WithSummary("Changes the signed-in user's password (the current one is required); every other session of the account ends");

        app.MapPost("/api/v1/accounts", CreateAccountAsync).WithTags("Sign-in").WithName("CreateAccount").RequireAuthorization(Policies.Admin)
            .WithSummary("Creates a sign-in account (admin)");
        app.MapPost("/api/v1/accounts/{userName}/disable", DisableAccountAsync).WithTags("Sign-in").WithName("DisableAccount").RequireAuthorization(Policies.Admin)
            .WithSummary("Disables a sign-in account and ends every session of it at once (admin)");
        app.MapPost("/api/v1/accounts/{userName}/enable", EnableAccountAsync).WithTags("Sign-in").WithName("EnableAccount").RequireAuthorization(Policies.Admin)
            .WithSummary("Enables a disabled sign-in account again (admin)");
        app.MapPost("/api/v1/accounts/{userName}/password", ResetPasswordAsync).WithTags("Sign-in").WithName("ResetPassword").RequireAuthorization(Policies.Admin)
            .WithSummary("Sets an account's password (admin): the one given, or a one-time password shown in this answer only; every session of the account ends");
        return app;
    }

    private static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();

    private static ProblemHttpResult Wait(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: SignInFailed);
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(SignInRequest body, HttpContext context, IGrainFactory grains,
        IAntiforgery antiforgery, SignInThrottle throttle)
    {
        var name = Normalize(body.UserName);
        var address = context.Connection.RemoteIpAddress;
        var wait = throttle.TryBegin(name, address);
        if (wait > TimeSpan.Zero)
        {
            return Wait(context, wait);
        }

        var result = await grains.GetGrain<IAccountGrain>(name).SignInAsync(body.Password ?? "");
        if (result is not { Outcome: SignInOutcome.Succeeded, Account: { } account, SessionId: { } sessionId })
        {
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: SignInFailed);
        }

        throttle.Succeeded(name, address);
        await IssueCookieAsync(context, account, sessionId);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new SessionDto(account.UserName, account.DisplayName, account.Role.ToString(), account.OrganizationId, tokens.RequestToken,
            ReturnUrls.AfterSignIn(body.ReturnUrl, account.Role, account.OrganizationId)));
    }

    private static async Task IssueCookieAsync(HttpContext context, AccountInfo account, string sessionId)
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

    public static Ok<SessionDto> Current(HttpContext context, IAntiforgery antiforgery)
    {
        var user = context.User;
        var actor = user.ToActor();
        return TypedResults.Ok(new SessionDto(actor.Id, user.FindFirstValue(ClaimTypes.Name) ?? actor.Id, actor.Role.ToString(), actor.OrganizationId,
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    /// <summary>The signed-in account's name and the cookie's session, or null for a caller with an API key.</summary>
    private static (string UserName, string Session)? CookieSession(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
        && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.StartsWith("user:", StringComparison.Ordinal)
        && user.FindFirstValue(SessionValidator.SessionClaim) is { } session
            ? (id["user:".Length..], session)
            : null;

    public static async Task<Results<NoContent, BadRequest>> SignOutAsync(HttpContext context, ClaimsPrincipal user, IGrainFactory grains, SessionValidator sessions,
        bool everywhere = false)
    {
        if (CookieSession(user) is not { } cookie)
        {
            return TypedResults.BadRequest(); // an API key has no session to end
        }

        var (name, session) = cookie;

        await grains.GetGrain<IAccountGrain>(name).EndSessionsAsync(everywhere ? null : session);
        sessions.Forget(name, everywhere ? null : session);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> ChangePasswordAsync(ChangePasswordRequest body, HttpContext context, ClaimsPrincipal user,
        IGrainFactory grains, IAntiforgery antiforgery, SignInThrottle throttle, SessionValidator sessions)
    {
        if (CookieSession(user) is not { UserName: var name })
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid request", detail: "Only a signed-in user changes a password; an API key has none.");
        }

        // Under /api/v1/session, which the general check leaves alone for sign-in: this write is checked here.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid request",
                detail: "A write made with the session cookie needs the X-CSRF-TOKEN header from GET /api/v1/session.");
        }

        // A stolen cookie must not make guessing the current password any faster than signing in.
        var address = context.Connection.RemoteIpAddress;
        var wait = throttle.TryBegin(name, address);
        if (wait > TimeSpan.Zero)
        {
            return Wait(context, wait);
        }

        var result = await grains.GetGrain<IAccountGrain>(name).ChangePasswordAsync(body.CurrentPassword ?? "", body.NewPassword ?? "");
        if (result is not { Outcome: SignInOutcome.Succeeded, Account: { } account, SessionId: { } sessionId })
        {
            throw DomainException.Invalid("account.current_password", "The current password is wrong.", "currentPassword");
        }

        throttle.Succeeded(name, address);
        sessions.Forget(name, null);
        await IssueCookieAsync(context, account, sessionId);
        return TypedResults.Ok(new SessionDto(account.UserName, account.DisplayName, account.Role.ToString(), account.OrganizationId,
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    public static async Task<Ok<AccountInfo>> DisableAccountAsync(string userName, IGrainFactory grains, ClaimsPrincipal user, SessionValidator sessions)
    {
        var name = Normalize(userName);
        var account = await grains.GetGrain<IAccountGrain>(name).SetDisabledAsync(true, user.ToActor().Id);
        sessions.Forget(name, null);
        return TypedResults.Ok(account);
    }

    public static async Task<Ok<AccountInfo>> EnableAccountAsync(string userName, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IAccountGrain>(Normalize(userName)).SetDisabledAsync(false, user.ToActor().Id));

    public static async Task<Ok<PasswordReset>> ResetPasswordAsync(string userName, ResetPasswordRequest? body, IGrainFactory grains, ClaimsPrincipal user,
        SessionValidator sessions, HttpContext context)
    {
        var name = Normalize(userName);
        var reset = await grains.GetGrain<IAccountGrain>(name).ResetPasswordAsync(body?.Password, user.ToActor().Id);
        sessions.Forget(name, null);
        context.Response.Headers.CacheControl = "no-store"; // a one-time password is not kept by any cache
        return TypedResults.Ok(reset);
    }

    public static async Task<Created<AccountInfo>> CreateAccountAsync(CreateAccountRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var name = Normalize(body.UserName);
        var account = await grains.GetGrain<IAccountGrain>(name).CreateAsync(body.DisplayName ?? "", body.Role, body.OrganizationId, body.Password ?? "", user.ToActor().Id);
        return TypedResults.Created($"/api/v1/accounts/{name}", account);
    }
}

/// <summary>The body of <c>POST /api/v1/session</c>.</summary>
public sealed record SignInRequest(string? UserName, string? Password, string? ReturnUrl = null);

/// <summary>The body of <c>POST /api/v1/session/password</c>.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The body of <c>POST /api/v1/accounts/{userName}/password</c>: no password makes the server choose a one-time one.</summary>
public sealed record ResetPasswordRequest(string? Password);

/// <summary>The body of <c>POST /api/v1/accounts</c>.</summary>
public sealed record CreateAccountRequest(string? UserName, string? DisplayName, ActorRole Role, string? OrganizationId, string? Password);

/// <summary>
/// The signed-in user and the token to send as X-CSRF-TOKEN with writes made with the cookie; after a sign-in, where
/// to go next (the return address asked for when it is a path of this site, else "/").
/// </summary>
public sealed record SessionDto(string UserId, string DisplayName, string Role, string? OrganizationId, string? AntiforgeryToken, string? Next = null);
