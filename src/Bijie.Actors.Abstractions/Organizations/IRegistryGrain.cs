namespace Bijie.Actors.Abstractions;

/// <summary>
/// One shard of a registry: the ids of registered helper organisations, enterprises, API keys, expert teams or
/// platforms, for listings. Reach it through <see cref="Registries"/>, which picks the shard.
/// </summary>
[Alias("Bijie.Actors.IRegistryGrain")]
public interface IRegistryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string id);

    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Adds an id with the tags listings filter on (a kind, a track, a helper, a place); the tags replace any it had.</summary>
    [Alias("AddTagged")]
    Task AddAsync(string id, IReadOnlyList<string> tags);

    /// <summary>The ids that carry every tag asked for, and those registered before tags were kept (the caller checks them itself).</summary>
    [Alias("Find")]
    Task<RegistryMatches> FindAsync(IReadOnlyList<string> tags);
}
