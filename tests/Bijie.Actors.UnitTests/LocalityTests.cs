using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Localities;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class LocalityTests(ClusterFixture fixture)
{
    [Fact]
    public void The_division_list_holds_Bijie_with_8_counties_279_townships_and_3716_villages()
    {
        var byLevel = DivisionCatalog.Bijie.All.GroupBy(d => d.Level).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(1, byLevel[LocalityLevel.City]);
        Assert.Equal(8, byLevel[LocalityLevel.County]);
        Assert.Equal(279, byLevel[LocalityLevel.Township]);
        Assert.Equal(3716, byLevel[LocalityLevel.Village]);
        Assert.All(DivisionCatalog.Bijie.All.Where(d => d.Level != LocalityLevel.City),
            d => Assert.True(DivisionCatalog.Bijie.TryGet(d.ParentCode!, out var parent) && parent.Children.Contains(d.Code)));
    }

    [Fact]
    public async Task The_city_lists_its_eight_counties()
    {
        var city = await fixture.Grains.GetLocality("5205").GetAsync();

        Assert.Equal("毕节市", city.Name);
        Assert.Equal(LocalityLevel.City, city.Level);
        Assert.Null(city.ParentCode);
        Assert.Equal(8, city.Children.Count);
        Assert.Contains(city.Children, c => c is { Code: "520521", Name: "大方县" });
    }

    [Fact]
    public async Task A_community_knows_its_township_county_and_city()
    {
        var jinshan = await fixture.Grains.GetLocality("520527004002").GetAsync();

        Assert.Equal("金山社区", jinshan.Name);
        Assert.Equal("金山社区居民委员会", jinshan.OfficialName);
        Assert.Equal(LocalityLevel.Village, jinshan.Level);
        Assert.Equal("520527004", jinshan.ParentCode);
        Assert.Equal(["毕节市", "赫章县", "金银山街道"], jinshan.Lineage.Select(l => l.Name));
        Assert.Empty(jinshan.Children);

        var township = await fixture.Grains.GetLocality("520527004").GetAsync();
        Assert.Contains(township.Children, c => c is { Code: "520527004003", Name: "银山社区" });
    }

    [Theory]
    [InlineData("520599")]        // county-shaped, not Bijie's
    [InlineData("110101001")]     // a township of Beijing
    [InlineData("520527004999")]  // no such village
    public async Task A_code_Bijie_does_not_have_is_refused(string code)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetLocality(code).GetAsync());

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
        Assert.Contains(code, refusal.Message);
    }

    [Fact]
    public async Task A_grain_of_one_level_refuses_a_code_of_another()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<ICountyGrain>("520527004").GetAsync());

        Assert.Equal("locality.unknown", refusal.Code);
    }

    [Theory]
    [InlineData("52052")]
    [InlineData("abcd")]
    [InlineData("")]
    public void A_malformed_code_names_no_grain(string code) =>
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => fixture.Grains.GetLocality(code)).Kind);
}
