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

    public static Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(SignInRequest body, HttpContext context, CookieSignIn cookies) =>
        cookies.SignInAsync(context, body);

    public static Ok<SessionDto> Current(HttpContext context, CookieSignIn cookies) => cookies.Current(context);

    public static Task<Results<NoContent, BadRequest>> SignOutAsync(HttpContext context, CookieSignIn cookies, bool everywhere = false) =>
        cookies.SignOutAsync(context, everywhere);

    public static Task<Results<Ok<SessionDto>, ProblemHttpResult>> ChangePasswordAsync(ChangePasswordRequest body, HttpContext context, CookieSignIn cookies) =>
        cookies.ChangePasswordAsync(context, body);

    public static async Task<Ok<AccountInfo>> DisableAccountAsync(string userName, IGrainFactory grains, ClaimsPrincipal user, CookieSignIn cookies)
    {
        var name = SessionCookies.Normalize(userName);
        var account = await grains.GetGrain<IAccountGrain>(name).SetDisabledAsync(true, user.ToActor().Id);
        cookies.Forget(name);
        return TypedResults.Ok(account);
    }

    public static async Task<Ok<AccountInfo>> EnableAccountAsync(string userName, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IAccountGrain>(SessionCookies.Normalize(userName)).SetDisabledAsync(false, user.ToActor().Id));

    public static async Task<Ok<PasswordReset>> ResetPasswordAsync(string userName, ResetPasswordRequest? body, IGrainFactory grains, ClaimsPrincipal user,
        CookieSignIn cookies, HttpContext context)
    {
        var name = SessionCookies.Normalize(userName);
        var reset = await grains.GetGrain<IAccountGrain>(name).ResetPasswordAsync(body?.Password, user.ToActor().Id);
        cookies.Forget(name);
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
