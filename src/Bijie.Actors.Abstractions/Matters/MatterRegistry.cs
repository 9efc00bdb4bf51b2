namespace Bijie.Actors.Abstractions;

/// <summary>
/// The matters' summaries, spread over shards by the helper they are raised with, so that no storage row grows with
/// the programme's matters and a helper's list reads one shard: keys 1 to <see cref="Shards"/>; key 0 is the one list
/// that held every matter before, still read so that nothing listed there is lost (a matter's next step moves it).
/// </summary>
public static class MatterRegistry
{
    public const int Shards = 64;

    /// <summary>The key of the one list that held every matter before the lists were sharded.</summary>
    public const long Legacy = 0;

    /// <summary>The shard of a helper's matters: 1 to <see cref="Shards"/>.</summary>
    public static long ShardOf(string helperId) => 1 + Registries.StableHash(helperId) % Shards;

    public static Task PutAsync(IGrainFactory grains, MatterSummary summary) =>
        grains.GetGrain<IMatterListGrain>(ShardOf(summary.HelperId)).PutAsync(summary);

    /// <summary>The matters, by due date; a helper's from its shard alone. A matter in its shard stands over its older copy in the legacy list.</summary>
    public static async Task<IReadOnlyList<MatterSummary>> ListAsync(IGrainFactory grains, string? helperId)
    {
        var keys = helperId is null ? Enumerable.Range(1, Shards).Select(k => (long)k) : [ShardOf(helperId)];
        var lists = await Task.WhenAll(keys.Append(Legacy).Select(k => grains.GetGrain<IMatterListGrain>(k).ListAsync()));
        var byId = new Dictionary<string, MatterSummary>(StringComparer.Ordinal);
        foreach (var matter in lists.SelectMany(l => l))
        {
            byId.TryAdd(matter.Id, matter); // the legacy list comes last
        }

        return byId.Values.Where(m => helperId is null || m.HelperId == helperId)
            .OrderBy(m => m.Due).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray();
    }
}
