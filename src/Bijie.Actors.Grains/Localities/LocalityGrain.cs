using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

/// <summary>
/// A locality of Bijie keyed by its division code. One class per level, so that a county grain can only ever
/// hold a county: a code of another level, or one Bijie does not have, is refused.
/// </summary>
public abstract class LocalityGrain(LocalityLevel level) : Grain, ILocalityGrain
{
    private Division? division;

    protected Division Division => division ??= Resolve();

    public Task<LocalityInfo> GetAsync() => Task.FromResult(DivisionCatalog.Bijie.Describe(Division));

    public Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync() =>
        Subjects.ActivePairings.OfAsync(GrainFactory, Scopes.Locality(Division.Code));

    private Division Resolve()
    {
        var code = this.GetPrimaryKeyString();
        var found = DivisionCatalog.Bijie.Get(code);
        return found.Level == level
            ? found
            : throw DomainException.NotFound("locality.unknown", $"'{code}' is not a {level.Name()} of Bijie.", "localityCode");
    }
}

public sealed class CityGrain() : LocalityGrain(LocalityLevel.City), ICityGrain;

public sealed class CountyGrain() : LocalityGrain(LocalityLevel.County), ICountyGrain;

public sealed class TownshipGrain() : LocalityGrain(LocalityLevel.Township), ITownshipGrain;

public sealed class VillageGrain() : LocalityGrain(LocalityLevel.Village), IVillageGrain;
