namespace Bijie.Actors.Abstractions;

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
