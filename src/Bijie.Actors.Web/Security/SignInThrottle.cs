using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Caching.Memory;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// Growing waits after failed sign-ins, by user name from an address and by address, instead of a lockout: a stranger
/// can slow only the attempts made from the stranger's own address, never lock an account for its owner. Unknown names
/// are counted exactly as known ones, so a wait tells nothing about which names exist. An attempt counts as a failure
/// from the moment it is let through (parallel attempts cannot slip in before the first answer) and is forgiven when
/// the password was right. The counts live in this host's memory, in caches of bounded size that forget a key after a
/// quiet spell: attacker-chosen names cannot grow them without end.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private const int MaxKeys = 100_000;
    private readonly WebSecurityOptions options;
    private readonly TimeProvider time;
    private readonly MemoryCache byName = new(new MemoryCacheOptions { SizeLimit = MaxKeys });
    private readonly MemoryCache byAddress = new(new MemoryCacheOptions { SizeLimit = MaxKeys });
    private readonly Lock gate = new();

    public SignInThrottle(WebSecurityOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
    }

    /// <summary>Lets an attempt through (and counts it as failed until <see cref="Succeeded"/>), or says how long to wait.</summary>
    public TimeSpan TryBegin(string userName, IPAddress? address)
    {
        var now = time.GetUtcNow();
        var (nameKey, addressKey) = Keys(userName, address);
        lock (gate)
        {
            var name = Get(byName, nameKey);
            var from = Get(byAddress, addressKey);
            var wait = TimeSpan.FromTicks(Math.Max(
                name.Wait(now, options.FreeFailuresPerName, options.FirstDelay, options.MaxDelayPerName).Ticks,
                from.Wait(now, options.FreeFailuresPerAddress, options.FirstDelay, options.MaxDelayPerAddress).Ticks));
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            name.Fail(now);
            from.Fail(now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>The password was right: the name starts afresh from this address, and the address gets its attempt back.</summary>
    public void Succeeded(string userName, IPAddress? address)
    {
        var (nameKey, addressKey) = Keys(userName, address);
        lock (gate)
        {
            byName.Remove(nameKey);
            if (byAddress.TryGetValue(addressKey, out Counter? from) && from is not null)
            {
                from.Failures = Math.Max(0, from.Failures - 1);
            }
        }
    }

    private Counter Get(MemoryCache cache, string key) => cache.GetOrCreate(key, entry =>
    {
        entry.Size = 1;
        entry.SlidingExpiration = options.ForgetAfter;
        return new Counter();
    })!;

    // An IPv6 client commonly holds a whole /64: counting single addresses would give it billions of fresh starts.
    private static (string Name, string Address) Keys(string userName, IPAddress? address)
    {
        var from = address switch
        {
            null => "none",
            { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
            { AddressFamily: AddressFamily.InterNetworkV6 } => Convert.ToHexString(address.GetAddressBytes(), 0, 8) + "/64",
            _ => address.ToString(),
        };
        // Names longer than any account's are cut: they all fail alike, and keys stay small.
        var name = userName.Length > 65 ? userName[..65] : userName;
        return ($"{from}\n{name}", from);
    }

    public void Dispose()
    {
        byName.Dispose();
        byAddress.Dispose();
    }

    private sealed class Counter
    {
        public int Failures { get; set; }

        public DateTimeOffset Last { get; private set; }

        public void Fail(DateTimeOffset now)
        {
            Failures++;
            Last = now;
        }

        public TimeSpan Wait(DateTimeOffset now, int free, TimeSpan first, TimeSpan max)
        {
            if (Failures < free)
            {
                return TimeSpan.Zero;
            }

            var delay = TimeSpan.FromTicks((long)Math.Min(max.Ticks, first.Ticks * Math.Pow(2, Math.Min(Failures - free, 62))));
            var until = Last + delay;
            return until > now ? until - now : TimeSpan.Zero;
        }
    }
}
