using System.Diagnostics;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Web;
using Bijie.Actors.Web.Security;

namespace Bijie.Actors.UnitTests;

/// <summary>A host remembers key verdicts: made-up keys cost one grain call, not one per attempt; a revoked key stops within the memory of a verified one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyVerifierTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_same_made_up_key_two_thousand_times_asks_its_grain_once()
    {
        using var verifier = new ApiKeyVerifier(fixture.Grains, new ApiOptions());
        var (id, secret, _) = ApiKeyTokens.New();

        for (var i = 0; i < 2_000; i++)
        {
            Assert.Null(await verifier.VerifyAsync(id, secret));
        }

        Assert.Equal(1, verifier.Lookups);
        Assert.True(verifier.Knows(id));
    }

    [Fact]
    public async Task A_wrong_secret_for_a_real_key_does_not_lock_the_key_out()
    {
        using var verifier = new ApiKeyVerifier(fixture.Grains, new ApiOptions());
        var (id, secret) = await NewKeyAsync();

        Assert.Null(await verifier.VerifyAsync(id, ApiKeyTokens.New().Secret));
        Assert.False(verifier.Knows(id));
        Assert.NotNull(await verifier.VerifyAsync(id, secret));
        Assert.NotNull(await verifier.VerifyAsync(id, secret));
        Assert.Equal(2, verifier.Lookups); // the wrong secret, then the right one once
    }

    [Fact]
    public async Task A_revoked_key_stops_working_within_the_memory_of_a_verified_key()
    {
        using var verifier = new ApiKeyVerifier(fixture.Grains, new ApiOptions { VerifiedKeyMemory = TimeSpan.FromMilliseconds(300) });
        var (id, secret) = await NewKeyAsync();
        Assert.NotNull(await verifier.VerifyAsync(id, secret));

        await fixture.Grains.GetGrain<IApiKeyGrain>(id).RevokeAsync("test");
        var clock = Stopwatch.StartNew();
        while (await verifier.VerifyAsync(id, secret) is not null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the revoked key still works after 5 s");
            await Task.Delay(20);
        }

        var lookups = verifier.Lookups;
        Assert.Null(await verifier.VerifyAsync(id, secret));
        Assert.Equal(lookups, verifier.Lookups); // revoked is remembered as unusable
    }

    private async Task<(string Id, string Secret)> NewKeyAsync()
    {
        var (id, secret, _) = ApiKeyTokens.New();
        await fixture.Grains.GetGrain<IApiKeyGrain>(id).CreateAsync("test", ActorRole.Viewer, null, ApiKeyTokens.Hash(secret), "test");
        return (id, secret);
    }
}
