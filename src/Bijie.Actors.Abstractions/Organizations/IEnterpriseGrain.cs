namespace Bijie.Actors.Abstractions;

/// <summary>A private enterprise, keyed by its unified social credit code (check character verified).</summary>
[Alias("Bijie.Actors.IEnterpriseGrain")]
public interface IEnterpriseGrain : IGrainWithStringKey, IChangeTracked
{
    [Alias("Register")]
    Task<EnterpriseProfile> RegisterAsync(EnterpriseProfile profile, ActorRef actor);

    [Alias("Get")]
    Task<EnterpriseProfile> GetAsync();

    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>The enterprise's active pairings (an enterprise lists its villages).</summary>
    [Alias("GetActivePairings")]
    Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync();
}
