using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>
/// Where webhooks may go: https (plain http only to hosts the operator names), and only to public addresses.
/// Registration resolves the host and checks every address; every delivery does it again as it connects, and
/// connects to the address it checked, so that a name that later resolves inside (DNS rebinding) is refused.
/// </summary>
public sealed class WebhookDestinations(IOptions<WebhookOptions> options)
{
    /// <summary>Checks the URL's form and policy (no resolution); throws <see cref="WebhookDestinationRefusedException"/>.</summary>
    public void CheckUrl(Uri uri)
    {
        if (uri.Scheme == Uri.UriSchemeHttp && !Listed(options.Value.AllowPlainHttpHosts, uri.Host, uri.Port))
        {
            throw new WebhookDestinationRefusedException("Webhooks use https; plain http is allowed only for hosts the operator names (Bijie:Webhooks:AllowPlainHttpHosts).");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new WebhookDestinationRefusedException("Webhooks use https.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new WebhookDestinationRefusedException("The URL may not carry a user name or password.");
        }
    }

    /// <summary>Checks the URL and every address its host resolves to now.</summary>
    public async Task CheckAsync(Uri uri, CancellationToken cancellationToken)
    {
        CheckUrl(uri);
        await ResolveAsync(uri.Host, uri.Port, cancellationToken);
    }

    /// <summary>The handler deliveries go through: checked connections, no redirects, no proxy, no cookies.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    /// <summary>Resolves the host, refuses it unless every address may be reached, and connects to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        host = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                throw new WebhookDestinationRefusedException("The host name does not resolve.");
            }
        }

        if (addresses.Length == 0)
        {
            throw new WebhookDestinationRefusedException("The host name does not resolve.");
        }

        if (!Listed(options.Value.AllowPrivateDestinations, host, port))
        {
            foreach (var address in addresses)
            {
                if (WebhookAddresses.Refusal(address) is { } kind)
                {
                    throw new WebhookDestinationRefusedException($"The host resolves to {kind}; webhooks go to public addresses only.");
                }
            }
        }

        return addresses;
    }

    /// <summary>Whether a host (or host:port) is on an operator's list; IPv6 hosts are written in brackets.</summary>
    private static bool Listed(List<string> list, string host, int port)
    {
        if (list.Count == 0)
        {
            return false;
        }

        var bare = host.Trim('[', ']').ToLowerInvariant();
        var name = bare.Contains(':') ? $"[{bare}]" : bare;
        return list.Any(entry =>
        {
            var e = entry.Trim().ToLowerInvariant();
            return e == name || e == bare || e == $"{name}:{port}";
        });
    }
}
