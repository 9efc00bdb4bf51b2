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

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(SignInRequest body, HttpContext context, IGrainFactory grains,
        IAntiforgery antiforgery, SignInThrottle throttle)
    {
        var name = SessionCookies.Normalize(body.UserName);
        var address = context.Connection.RemoteIpAddress;
        var wait = throttle.TryBegin(name, address);
        if (wait > TimeSpan.Zero)
        {
            return SessionCookies.Wait(context, wait);
        }

        var result = await grains.GetGrain<IAccountGrain>(name).SignInAsync(body.Password ?? "");
        if (result is not { Outcome: SignInOutcome.Succeeded, Account: { } account, SessionId: { } sessionId })
        {
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: SessionCookies.SignInFailed);
        }

        throttle.Succeeded(name, address);
        await SessionCookies.IssueCookieAsync(context, account, sessionId);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new SessionDto(account.UserName, account.DisplayName, account.Role.ToString(), account.OrganizationId, tokens.RequestToken,
            ReturnUrls.AfterSignIn(body.ReturnUrl, account.Role, account.OrganizationId)));
    }

    public static Ok<SessionDto> Current(HttpContext context, IAntiforgery antiforgery)
    {
        var user = context.User;
        var actor = user.ToActor();
        return TypedResults.Ok(new SessionDto(actor.Id, user.FindFirstValue(ClaimTypes.Name) ?? actor.Id, actor.Role.ToString(), actor.OrganizationId,
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    public static async Task<Results<NoContent, BadRequest>> SignOutAsync(HttpContext context, ClaimsPrincipal user, IGrainFactory grains, SessionValidator sessions,
        bool everywhere = false)
    {
        if (SessionCookies.CookieSession(user) is not { } cookie)
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
        if (SessionCookies.CookieSession(user) is not { UserName: var name })
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
            return SessionCookies.Wait(context, wait);
        }

        var result = await grains.GetGrain<IAccountGrain>(name).ChangePasswordAsync(body.CurrentPassword ?? "", body.NewPassword ?? "");
        if (result is not { Outcome: SignInOutcome.Succeeded, Account: { } account, SessionId: { } sessionId })
        {
            throw DomainException.Invalid("account.current_password", "The current password is wrong.", "currentPassword");
        }

        throttle.Succeeded(name, address);
        sessions.Forget(name, null);
        await SessionCookies.IssueCookieAsync(context, account, sessionId);
        return TypedResults.Ok(new SessionDto(account.UserName, account.DisplayName, account.Role.ToString(), account.OrganizationId,
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    public static async Task<Ok<AccountInfo>> DisableAccountAsync(string userName, IGrainFactory grains, ClaimsPrincipal user, SessionValidator sessions)
    {
        var name = SessionCookies.Normalize(userName);
        var account = await grains.GetGrain<IAccountGrain>(name).SetDisabledAsync(true, user.ToActor().Id);
        sessions.Forget(name, null);
        return TypedResults.Ok(account);
    }

    public static async Task<Ok<AccountInfo>> EnableAccountAsync(string userName, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IAccountGrain>(SessionCookies.Normalize(userName)).SetDisabledAsync(false, user.ToActor().Id));

    public static async Task<Ok<PasswordReset>> ResetPasswordAsync(string userName, ResetPasswordRequest? body, IGrainFactory grains, ClaimsPrincipal user,
        SessionValidator sessions, HttpContext context)
    {
        var name = SessionCookies.Normalize(userName);
        var reset = await grains.GetGrain<IAccountGrain>(name).ResetPasswordAsync(body?.Password, user.ToActor().Id);
        sessions.Forget(name, null);
        context.Response.Headers.CacheControl = "no-store"; // a one-time password is not kept by any cache
        return TypedResults.Ok(reset);
    }

    public static async Task<Created<AccountInfo>> CreateAccountAsync(CreateAccountRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var name = SessionCookies.Normalize(body.UserName);
        var account = await grains.GetGrain<IAccountGrain>(name).CreateAsync(body.DisplayName ?? "", body.Role, body.OrganizationId, body.Password ?? "", user.ToActor().Id);
        return TypedResults.Created($"/api/v1/accounts/{name}", account);
    }
}
