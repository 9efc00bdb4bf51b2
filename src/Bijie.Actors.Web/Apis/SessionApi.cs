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
            .WithSummary("Signs in with user name and password; five failures in a row lock the account for 15 minutes");
        session.MapGet("/", Current).WithName("GetSession").RequireAuthorization(Policies.Read)
            .WithSummary("Who is signed in, and the antiforgery token for writes made with the cookie");
        session.MapDelete("/", SignOutAsync).WithName("SignOut").RequireAuthorization(Policies.Read).WithSummary("Signs out");

        app.MapPost("/api/v1/accounts", CreateAccountAsync).WithTags("Sign-in").WithName("CreateAccount").RequireAuthorization(Policies.Admin)
            .WithSummary("Creates a sign-in account (admin)");
        return app;
    }

    public static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(SignInRequest body, HttpContext context, IGrainFactory grains, IAntiforgery antiforgery)
    {
        var result = await grains.GetGrain<IAccountGrain>((body.UserName ?? "").Trim().ToLowerInvariant()).SignInAsync(body.Password ?? "");
        if (result is not { Outcome: SignInOutcome.Succeeded, Account: { } account })
        {
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized",
                detail: result.Outcome == SignInOutcome.LockedOut
                    ? "This account is locked after repeated failures; try again later."
                    : "The user name or the password is wrong.");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"user:{account.UserName}"),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role.ToString()),
            .. account.OrganizationId is null ? Array.Empty<Claim>() : [new Claim(ApiKeyAuthenticationHandler.OrganizationClaim, account.OrganizationId)],
        ], CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        context.User = principal;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new SessionDto(account.UserName, account.DisplayName, account.Role.ToString(), account.OrganizationId, tokens.RequestToken));
    }

    public static Ok<SessionDto> Current(HttpContext context, IAntiforgery antiforgery)
    {
        var user = context.User;
        var actor = user.ToActor();
        return TypedResults.Ok(new SessionDto(actor.Id, user.FindFirstValue(ClaimTypes.Name) ?? actor.Id, actor.Role.ToString(), actor.OrganizationId,
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }

    public static async Task<Results<NoContent, BadRequest>> SignOutAsync(HttpContext context, ClaimsPrincipal user)
    {
        if (user.Identity?.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme)
        {
            return TypedResults.BadRequest(); // an API key has no session to end
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static async Task<Created<AccountInfo>> CreateAccountAsync(CreateAccountRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var name = (body.UserName ?? "").Trim().ToLowerInvariant();
        if (body.Role == ActorRole.Helper)
        {
            await Listing.InBody(() => grains.GetGrain<IHelperGrain>(body.OrganizationId ?? "").GetAsync());
        }
        else if (body.Role == ActorRole.Enterprise)
        {
            if (!CreditCodes.IsValid(body.OrganizationId))
            {
                throw DomainException.Invalid("enterprise.credit_code", CreditCodes.Problem(body.OrganizationId)!, "organizationId");
            }

            await Listing.InBody(() => grains.GetGrain<IEnterpriseGrain>(body.OrganizationId!).GetAsync());
        }

        else if (body.Role == ActorRole.Locality)
        {
            await Listing.InBody(() => grains.GetLocality(body.OrganizationId ?? "").GetAsync());
        }

        var account = await grains.GetGrain<IAccountGrain>(name).CreateAsync(body.DisplayName ?? "", body.Role, body.OrganizationId, body.Password ?? "", user.ToActor().Id);
        return TypedResults.Created($"/api/v1/accounts/{name}", account);
    }
}

/// <summary>The body of <c>POST /api/v1/session</c>.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>The body of <c>POST /api/v1/accounts</c>.</summary>
public sealed record CreateAccountRequest(string? UserName, string? DisplayName, ActorRole Role, string? OrganizationId, string? Password);

/// <summary>The signed-in user and the token to send as X-CSRF-TOKEN with writes made with the cookie.</summary>
public sealed record SessionDto(string UserId, string DisplayName, string Role, string? OrganizationId, string? AntiforgeryToken);
