using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Bijie.Actors.Web.Security;

/// <summary>
/// Verifies API keys against their grains, remembering verdicts on this host so that a flood of made-up keys costs
/// no store read per attempt: a key id its grain called unknown or revoked is refused from memory for
/// <see cref="ApiOptions.UnknownKeyMemory"/>, and a verified key is accepted from memory for
/// <see cref="ApiOptions.VerifiedKeyMemory"/> (so a revoked key stops working on every host within that time).
/// A wrong secret for an active key is never remembered against the key id: that would let anyone lock a key out.
/// </summary>
public sealed class ApiKeyVerifier : IDisposable
{
    private static readonly object Unusable = new();
    private readonly IGrainFactory grains;
    private readonly ApiOptions options;
    private readonly MemoryCache verdicts;
    private long lookups;

    public ApiKeyVerifier(IGrainFactory grains, ApiOptions options)
    {
        this.grains = grains;
        this.options = options;
        verdicts = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.KeyCacheEntries) });
    }

    /// <summary>Calls made to key grains (each may be a store read); tests read it.</summary>
    public long Lookups => Interlocked.Read(ref lookups);

    /// <summary>Whether this host holds a verdict on the key id, so that checking it costs no grain call.</summary>
    public bool Knows(string id) => verdicts.TryGetValue(id, out _);

    /// <summary>The key if the secret is right and the key active; else null.</summary>
    public async Task<ApiKeyInfo?> VerifyAsync(string id, string secret)
    {
        var hash = ApiKeyTokens.Hash(secret);
        if (verdicts.TryGetValue(id, out var known))
        {
            if (ReferenceEquals(known, Unusable))
            {
                return null;
            }

            if (known is Verified verified && CryptographicOperations.FixedTimeEquals(verified.SecretHash, hash))
            {
                return verified.Key;
            }
        }

        Interlocked.Increment(ref lookups);
        var grain = grains.GetGrain<IApiKeyGrain>(id);
        var key = await grain.VerifyAsync(hash);
        if (key is not null)
        {
            Remember(id, new Verified(key, hash), options.VerifiedKeyMemory);
        }
        else if (!await grain.IsActiveAsync())
        {
            Remember(id, Unusable, options.UnknownKeyMemory);
        }

        return key;
    }

    /// <summary>Forgets what this host remembers of a key, so that a revocation made through it holds here at once.</summary>
    public void Forget(string id) => verdicts.Remove(id);

    private void Remember(string id, object verdict, TimeSpan period)
    {
        if (period > TimeSpan.Zero)
        {
            verdicts.Set(id, verdict, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = period });
        }
    }

    public void Dispose() => verdicts.Dispose();

    private sealed record Verified(ApiKeyInfo Key, byte[] SecretHash);
}
