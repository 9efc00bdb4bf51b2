using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bijie.Actors.Web.Security;

/// <summary>Forwarded headers honoured from the configured proxies only, so that limits see the real client.</summary>
public static class ForwardedProxies
{
    public static IServiceCollection AddBijieForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var edge = WebSecurityOptions.From(configuration);
        var entries = (edge.ForwardedProxies ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Empty lists would mean "believe anyone" to the middleware; with no proxy configured nothing is forwarded.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardedHeaders = entries.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var entry in entries)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    o.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
        return services;
    }
}
