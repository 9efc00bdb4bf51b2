namespace Bijie.Actors.Abstractions;

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
