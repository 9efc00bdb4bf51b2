using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// Signing in and out with the session cookie: the throttle on failed attempts by name and address, the account's
/// check of the password, the cookie, the antiforgery token the page sends back with its writes, and the sessions
/// this host remembers as valid.
/// </summary>
public sealed class CookieSignIn(IGrainFactory grains, IAntiforgery antiforgery, SignInThrottle throttle, SessionValidator sessions)
{
    public async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(HttpContext context, SignInRequest body)
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
        return TypedResults.Ok(Session(context, account, ReturnUrls.AfterSignIn(body.ReturnUrl, account.Role, account.OrganizationId)));
    }

    /// <summary>Who is signed in, with a fresh antiforgery token.</summary>
    public Ok<SessionDto> Current(HttpContext context)
    {
        var actor = context.User.ToActor();
        return TypedResults.Ok(new SessionDto(actor.Id, context.User.FindFirstValue(ClaimTypes.Name) ?? actor.Id, actor.Role.ToString(), actor.OrganizationId,
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    public async Task<Results<NoContent, BadRequest>> SignOutAsync(HttpContext context, bool everywhere)
    {
        if (SessionCookies.CookieSession(context.User) is not var (name, session))
        {
            return TypedResults.BadRequest(); // an API key has no session to end
        }

        await grains.GetGrain<IAccountGrain>(name).EndSessionsAsync(everywhere ? null : session);
        sessions.Forget(name, everywhere ? null : session);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    /// <summary>Changes the signed-in user's password: the caller's session goes on under a new cookie, every other one ends.</summary>
    public async Task<Results<Ok<SessionDto>, ProblemHttpResult>> ChangePasswordAsync(HttpContext context, ChangePasswordRequest body)
    {
        if (SessionCookies.CookieSession(context.User) is not { UserName: var name })
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
        return TypedResults.Ok(Session(context, account, next: null));
    }

    /// <summary>Ends every session of an account on this host at once (the account's grain has ended them for every host).</summary>
    public void Forget(string userName) => sessions.Forget(userName, null);

    private SessionDto Session(HttpContext context, AccountInfo account, string? next) =>
        new(account.UserName, account.DisplayName, account.Role.ToString(), account.OrganizationId, antiforgery.GetAndStoreTokens(context).RequestToken, next);
}
