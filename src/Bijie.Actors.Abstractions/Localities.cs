namespace Bijie.Actors.Abstractions;

/// <summary>Levels of Bijie's division tree (GB/T 2260 and the statistical division codes).</summary>
public enum LocalityLevel
{
    /// <summary>毕节市, code of 4 digits (5205).</summary>
    City = 0,

    /// <summary>县（市、区）, 6 digits.</summary>
    County = 1,

    /// <summary>乡镇（街道）, 9 digits.</summary>
    Township = 2,

    /// <summary>村（社区）, 12 digits.</summary>
    Village = 3,
}

/// <summary>Division codes: their shape and level. Whether a code exists is the locality grain's to say.</summary>
public static class LocalityCodes
{
    /// <summary>Bijie's city code.</summary>
    public const string Bijie = "5205";

    /// <summary>The level a well-formed code names, or null when the code is malformed.</summary>
    public static LocalityLevel? LevelOf(string? code)
    {
        if (code is null || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        return code.Length switch
        {
            4 => LocalityLevel.City,
            6 => LocalityLevel.County,
            9 => LocalityLevel.Township,
            12 => LocalityLevel.Village,
            _ => null,
        };
    }

    /// <summary>The codes of a locality and all its ancestors, city first (5205, 520527, 520527004, 520527004002).</summary>
    public static IReadOnlyList<string> Lineage(string code) => LevelOf(code) switch
    {
        LocalityLevel.City => [code],
        LocalityLevel.County => [code[..4], code],
        LocalityLevel.Township => [code[..4], code[..6], code],
        LocalityLevel.Village => [code[..4], code[..6], code[..9], code],
        _ => throw DomainException.Invalid("locality.malformed", $"'{code}' is not a division code (4, 6, 9 or 12 digits).", "code"),
    };

    /// <summary>The lower-case name of a level as the API writes it.</summary>
    public static string Name(this LocalityLevel level) => level switch
    {
        LocalityLevel.City => "city",
        LocalityLevel.County => "county",
        LocalityLevel.Township => "township",
        _ => "village",
    };
}

/// <summary>A locality named by code and name.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LocalityRef")]
public sealed record LocalityRef(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name);

/// <summary>A locality: where it sits in the tree and what lies directly under it.</summary>
/// <param name="Code">Division code.</param>
/// <param name="Name">Short name (金山社区).</param>
/// <param name="OfficialName">Name as the division list has it (金山社区居民委员会).</param>
/// <param name="Level">Level.</param>
/// <param name="ParentCode">The parent's code; null for the city.</param>
/// <param name="Lineage">The ancestors, city first, the locality itself excluded.</param>
/// <param name="Children">The localities directly under it.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LocalityInfo")]
public sealed record LocalityInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string OfficialName,
    [property: Id(3)] LocalityLevel Level,
    [property: Id(4)] string? ParentCode,
    [property: Id(5)] IReadOnlyList<LocalityRef> Lineage,
    [property: Id(6)] IReadOnlyList<LocalityRef> Children);

/// <summary>A locality of Bijie: the city, a county, a township or a village; keyed by its division code.</summary>
[Alias("Bijie.Actors.ILocalityGrain")]
public interface ILocalityGrain : IGrainWithStringKey
{
    /// <summary>The locality; refuses (NotFound) a code that is not one of Bijie's.</summary>
    [Alias("Get")]
    Task<LocalityInfo> GetAsync();

    /// <summary>The pairings active at this locality and below (a village lists its enterprises).</summary>
    [Alias("GetActivePairings")]
    Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync();
}

/// <summary>毕节市.</summary>
[Alias("Bijie.Actors.ICityGrain")]
public interface ICityGrain : ILocalityGrain;

/// <summary>A county (县、市、区).</summary>
[Alias("Bijie.Actors.ICountyGrain")]
public interface ICountyGrain : ILocalityGrain;

/// <summary>A township (乡镇、街道).</summary>
[Alias("Bijie.Actors.ITownshipGrain")]
public interface ITownshipGrain : ILocalityGrain;

/// <summary>A village or community (村、社区).</summary>
[Alias("Bijie.Actors.IVillageGrain")]
public interface IVillageGrain : ILocalityGrain;

/// <summary>Reaching the right locality grain for a code.</summary>
public static class LocalityGrainFactoryExtensions
{
    /// <summary>The grain of the level the code names; refuses a malformed code.</summary>
    public static ILocalityGrain GetLocality(this IGrainFactory grains, string code) => LocalityCodes.LevelOf(code) switch
    {
        LocalityLevel.City => grains.GetGrain<ICityGrain>(code),
        LocalityLevel.County => grains.GetGrain<ICountyGrain>(code),
        LocalityLevel.Township => grains.GetGrain<ITownshipGrain>(code),
        LocalityLevel.Village => grains.GetGrain<IVillageGrain>(code),
        _ => throw DomainException.NotFound("locality.unknown", $"'{code}' is not a division code of Bijie.", "code"),
    };
}
