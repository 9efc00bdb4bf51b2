using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Localities;

namespace Bijie.Actors.UnitTests;

public sealed class DivisionMapTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"divisions-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(file);

    [Fact]
    public void A_map_from_a_file_holds_several_cities_and_refuses_codes_outside_it()
    {
        File.WriteAllLines(file,
        [
            "code,level,parent_code,name",
            "5205,city,,毕节市",
            "5201,city,,贵阳市",
            "520102,county,5201,南明区",
            "520102001,township,520102,新华路街道",
            "520102001001,village,520102001,富水北路社区居委会",
        ]);

        var map = DivisionCatalog.FromFile(file);

        Assert.Equal(5, map.Count);
        var village = map.Describe(map.Get("520102001001"));
        Assert.Equal("富水北路社区", village.Name);
        Assert.Equal(["5201", "520102", "520102001"], village.Lineage.Select(l => l.Code));
        var refused = Assert.Throws<DomainException>(() => map.Get("520527004002"));
        Assert.Contains("the programme's map", refused.Message);
    }

    [Fact]
    public void A_map_whose_parent_is_missing_or_whose_code_does_not_fit_its_level_is_refused()
    {
        File.WriteAllLines(file, ["code,level,parent_code,name", "5201,city,,贵阳市", "520102001,township,520102,新华路街道"]);
        Assert.Contains("520102", Assert.Throws<InvalidDataException>(() => DivisionCatalog.FromFile(file)).Message);

        File.WriteAllLines(file, ["code,level,parent_code,name", "520102,city,,贵阳市"]);
        Assert.Contains("not a code of a city", Assert.Throws<InvalidDataException>(() => DivisionCatalog.FromFile(file)).Message);
    }
}
