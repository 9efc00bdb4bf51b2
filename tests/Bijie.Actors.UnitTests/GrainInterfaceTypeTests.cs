using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class GrainInterfaceTypeTests(ClusterFixture fixture)
{
    private static readonly Type[] GrainInterfaces = typeof(IPairingGrain).Assembly.GetTypes()
        .Concat(typeof(ClusterFixture).Assembly.GetTypes())
        .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t) && !t.ContainsGenericParameters)
        .ToArray();

    [Fact]
    public void Every_grain_interface_keeps_the_name_Orleans_gives_it_when_its_type_is_cached()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var converter = services.GetRequiredService<TypeConverter>();
        var orleans = new GrainInterfaceTypeResolver([new AttributeGrainInterfaceTypeProvider(services)], converter);
        var cached = new GrainInterfaceTypeResolver([new CachedGrainInterfaceTypes(services, converter), new AttributeGrainInterfaceTypeProvider(services)], converter);

        Assert.True(GrainInterfaces.Length > 30, $"only {GrainInterfaces.Length} grain interfaces found");
        foreach (var type in GrainInterfaces)
        {
            var expected = orleans.GetGrainInterfaceType(type);
            Assert.Equal(expected, cached.GetGrainInterfaceType(type));
            Assert.Equal(expected, cached.GetGrainInterfaceType(type)); // the second answer comes from the cache
        }
    }

    [Fact]
    public async Task A_silo_asks_the_cache_first_and_its_grains_still_answer()
    {
        var silo = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress);
        Assert.IsType<CachedGrainInterfaceTypes>(silo.GetServices<IGrainInterfaceTypeProvider>().First());
        var county = await fixture.SiloGrains(0).GetLocality("520502").GetAsync();
        Assert.Equal("七星关区", county.Name);
    }
}
