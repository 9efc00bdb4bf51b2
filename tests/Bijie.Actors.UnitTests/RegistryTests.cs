using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class RegistryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Enterprises_spread_over_shards_and_are_listed_together_with_those_stored_before_sharding()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => TestData.NewCreditCode()).ToArray();
        var legacy = TestData.NewCreditCode();
        await fixture.Grains.GetGrain<IRegistryGrain>(Registries.Enterprises).AddAsync(legacy); // as stored before the shards
        foreach (var code in codes)
        {
            await Registries.AddAsync(fixture.Grains, Registries.Enterprises, code);
        }

        var listed = await Registries.ListAsync(fixture.Grains, Registries.Enterprises);

        Assert.Superset(codes.Append(legacy).ToHashSet(), listed.ToHashSet());
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        var shards = codes.Select(c => Registries.ShardKey(Registries.Enterprises, c)).Distinct().ToArray();
        Assert.True(shards.Length > 40, $"200 codes fell into only {shards.Length} of 64 shards");
        Assert.Equal(Registries.ShardKey(Registries.Enterprises, codes[0]), Registries.ShardKey(Registries.Enterprises, codes[0]));
        Assert.Equal(Registries.Helpers, Registries.ShardKey(Registries.Helpers, "any-helper"));
    }
}
