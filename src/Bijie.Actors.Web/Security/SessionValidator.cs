using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// A cookie is good only while the session it names is still listed by its account: sign-out, a password change, a
/// reset and a disable end sessions there, and the cookie stops working although it has not expired. Each host keeps
/// the account's answer for <see cref="WebSecurityOptions.SessionCheck"/> (a few seconds) so that a page's burst of
/// requests asks once; what this host ends itself, it forgets at once.
/// </summary>
public sealed class SessionValidator(IGrainFactory grains, WebSecurityOptions options) : IDisposable
{
    /// <summary>The claim that carries the session's id in the cookie.</summary>
    public const string SessionClaim = "bijie:session";

    private const string UserPrefix = "user:";
    private readonly MemoryCache answers = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var session = context.Principal?.FindFirstValue(SessionClaim);
        if (user is null || !user.StartsWith(UserPrefix, StringComparison.Ordinal) || session is null
            || !await IsActiveAsync(user[UserPrefix.Length..], session))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private async Task<bool> IsActiveAsync(string userName, string session)
    {
        var key = $"{userName}\n{session}";
        if (answers.TryGetValue(key, out bool active) && !answers.TryGetValue(Ended(userName), out _))
        {
            return active;
        }

        active = await grains.GetGrain<IAccountGrain>(userName).IsSessionActiveAsync(session);
        answers.Set(key, active, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.SessionCheck });
        return active;
    }

    /// <summary>This host ended one session (or, with none named, every session of the account): stop trusting its answers now.</summary>
    public void Forget(string userName, string? session)
    {
        if (session is not null)
        {
            answers.Remove($"{userName}\n{session}");
            return;
        }

        // Answers older than this mark are not trusted for the mark's lifetime, which outlasts any of them.
        answers.Set(Ended(userName), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.SessionCheck });
    }

    private static string Ended(string userName) => $"{userName}\nended";

    public void Dispose() => answers.Dispose();
}
