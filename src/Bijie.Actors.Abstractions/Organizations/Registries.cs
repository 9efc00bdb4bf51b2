namespace Bijie.Actors.Abstractions;

/// <summary>
/// The registries and their shards. A registry that can grow to the national programme's size (127,000
/// enterprises, a key each) is spread over shards keyed "{registry}/{shard}", so that no grain's state grows past
/// what one storage row holds (Azure Table storage: 1 MB) or what one write should copy; the small ones keep one
/// grain keyed by the registry's name. Shard counts never change once data is stored under them.
/// </summary>
public static class Registries
{
    public const string Helpers = "helpers";
    public const string Enterprises = "enterprises";
    public const string ApiKeys = "api-keys";
    public const string ExpertTeams = "expert-teams";
    public const string Platforms = "platforms";

    /// <summary>How many shards a registry has.</summary>
    public static int ShardsOf(string registry) => registry switch
    {
        Enterprises => 64,
        ApiKeys => 16,
        _ => 1,
    };

    /// <summary>The key of the shard that holds <paramref name="id"/>.</summary>
    public static string ShardKey(string registry, string id)
    {
        var shards = ShardsOf(registry);
        return shards == 1 ? registry : $"{registry}/{StableHash(id) % (uint)shards:00}";
    }

    public static Task AddAsync(IGrainFactory grains, string registry, string id) =>
        grains.GetGrain<IRegistryGrain>(ShardKey(registry, id)).AddAsync(id);

    public static Task AddAsync(IGrainFactory grains, string registry, string id, IReadOnlyList<string> tags) =>
        grains.GetGrain<IRegistryGrain>(ShardKey(registry, id)).AddAsync(id, tags);

    /// <summary>The tag of a place and of every division above it, so that "in this place and below" is one tag.</summary>
    public static IEnumerable<string> PlaceTags(string code) =>
        new[] { 4, 6, 9, 12 }.Where(n => n <= code.Length).Select(n => $"place:{code[..n]}");

    /// <summary>
    /// The ids of a small (single-grain) registry that carry every tag, ordered, without loading a record; ids
    /// registered before tags were kept are loaded and checked by <paramref name="check"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IGrainFactory grains, string registry, IReadOnlyList<string> tags, Func<string, Task<bool>> check)
    {
        if (ShardsOf(registry) != 1)
        {
            throw new ArgumentException($"Registry '{registry}' is sharded: list it through its roll-ups.", nameof(registry));
        }

        var found = await grains.GetGrain<IRegistryGrain>(registry).FindAsync(tags);
        var untagged = await Task.WhenAll(found.Untagged.Select(async id => (Id: id, Match: await check(id))));
        return found.Ids.Concat(untagged.Where(u => u.Match).Select(u => u.Id)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every id of the registry, ordered; a sharded registry also reads the one grain it had before it was sharded.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(IGrainFactory grains, string registry)
    {
        var shards = ShardsOf(registry);
        var keys = shards == 1 ? [registry] : Enumerable.Range(0, shards).Select(i => $"{registry}/{i:00}").Append(registry);
        var lists = await Task.WhenAll(keys.Select(k => grains.GetGrain<IRegistryGrain>(k).ListAsync()));
        return lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>FNV-1a over the id's UTF-16 code units: the same on every silo and every run, unlike string.GetHashCode.</summary>
    public static uint StableHash(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
