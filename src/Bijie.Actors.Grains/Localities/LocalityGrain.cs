using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;

namespace Bijie.Actors.Grains.Localities;

/// <summary>
/// A locality of Bijie keyed by its division code. One class per level, so that a county grain can only ever
/// hold a county: a code of another level, or one Bijie does not have, is refused.
/// </summary>
public abstract class LocalityGrain(LocalityLevel level, DivisionCatalog divisions) : Grain, ILocalityGrain
{
    private Division? division;

    protected Division Division => division ??= Resolve();

    public Task<LocalityInfo> GetAsync() => Task.FromResult(divisions.Describe(Division));

    public Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync() =>
        Subjects.ActivePairings.OfAsync(GrainFactory, Scopes.Locality(Division.Code));

    private Division Resolve()
    {
        var code = this.GetPrimaryKeyString();
        var found = divisions.Get(code);
        return found.Level == level
            ? found
            : throw DomainException.NotFound("locality.unknown", $"'{code}' is not a {level.Name()} of {divisions.Area}.", "localityCode");
    }
}
