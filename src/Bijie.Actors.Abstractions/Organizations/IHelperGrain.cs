namespace Bijie.Actors.Abstractions;

/// <summary>A helper organisation, keyed by its id.</summary>
[Alias("Bijie.Actors.IHelperGrain")]
public interface IHelperGrain : IGrainWithStringKey, IChangeTracked
{
    /// <summary>Registers or updates the organisation.</summary>
    [Alias("Register")]
    Task<HelperProfile> RegisterAsync(HelperProfile profile, ActorRef actor);

    /// <summary>The organisation; NotFound when it was never registered.</summary>
    [Alias("Get")]
    Task<HelperProfile> GetAsync();

    /// <summary>Whether it is registered.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>The organisation's active pairings.</summary>
    [Alias("GetActivePairings")]
    Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync();
}
