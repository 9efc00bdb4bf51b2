using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// The API's rate limits. They run before authentication, so that what an unauthenticated caller can make the
/// server do is bounded: a request is counted against the key id its token names (read from the header, no store
/// read) or, without a key-shaped token, against its address; a key id this host holds no verdict on costs a
/// grain call, so those are also counted per address; sign-ins (a password hash each) have a tighter per-address
/// limit of their own. Addresses are the client's as <see cref="ForwardedProxies"/> lets the proxies in front say.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy that bounds the live channel's open connections per address.</summary>
    public const string HubConnections = "hub-connections";

    public static IServiceCollection AddBijieRateLimits(this IServiceCollection services, ApiOptions api, Abstractions.Configuration.LiveOptions live)
    {
        services.AddSingleton<ApiKeyVerifier>();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(ByCaller(api), KeyLookups(api), SignIns(api));
            o.AddPolicy(HubConnections, context => RateLimitPartition.GetConcurrencyLimiter(Address(context), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Math.Max(1, live.MaxConnectionsPerAddress),
                QueueLimit = 0,
            }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "1";
                // A refused sign-in reads like every other failed sign-in, so that no answer tells one cause from another.
                var detail = IsSignIn(context.HttpContext)
                    ? SessionCookies.SignInFailed
                    : "This key (or address) sends faster, or holds more connections, than it may; wait as Retry-After says.";
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: detail).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Every /api request: per key id for a key-shaped token, else per address.</summary>
    private static PartitionedRateLimiter<HttpContext> ByCaller(ApiOptions api) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return RateLimitPartition.GetNoLimiter("pages");
        }

        return ApiKeyBearer.TryParse(context.Request.Headers.Authorization.ToString(), out var id, out _)
            ? PerSecond($"key:{id}", api.RequestsPerSecondPerKey)
            : PerSecond($"ip:{Address(context)}", api.AnonymousRequestsPerSecond);
    });

    /// <summary>Key ids this host holds no verdict on: each costs a grain call (a store read for an id never seen), so bounded per address.</summary>
    private static PartitionedRateLimiter<HttpContext> KeyLookups(ApiOptions api) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        context.Request.Path.StartsWithSegments("/api")
        && ApiKeyBearer.TryParse(context.Request.Headers.Authorization.ToString(), out var id, out _)
        && !context.RequestServices.GetRequiredService<ApiKeyVerifier>().Knows(id)
            ? PerSecond($"lookup:{Address(context)}", api.KeyLookupsPerSecondPerAddress)
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>Sign-in attempts (a password hash each) per address, per minute.</summary>
    private static PartitionedRateLimiter<HttpContext> SignIns(ApiOptions api) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        IsSignIn(context)
            ? RateLimitPartition.GetTokenBucketLimiter($"sign-in:{Address(context)}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, api.SignInsPerMinutePerAddress),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, api.SignInsPerMinutePerAddress),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/api/v1/session", StringComparison.OrdinalIgnoreCase);

    /// <summary>A token bucket of twice the rate, refilled every 100 ms (a slower rate: a token at a time).</summary>
    private static RateLimitPartition<string> PerSecond(string partition, int perSecond)
    {
        perSecond = Math.Max(1, perSecond);
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond * 2,
            TokensPerPeriod = perSecond >= 10 ? perSecond / 10 : 1,
            ReplenishmentPeriod = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1) / perSecond,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The client's address (IPv4 as such, also when the socket is dual-stack).</summary>
    private static string Address(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";
}
