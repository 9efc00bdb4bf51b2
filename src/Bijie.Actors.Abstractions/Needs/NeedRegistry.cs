namespace Bijie.Actors.Abstractions;

/// <summary>
/// The needs' registry spread over shards by the need's id, as <see cref="Registries"/> spreads enterprises, so
/// that no storage row grows with the number of needs past its shard's part. The shard count never changes once
/// needs are stored under it.
/// </summary>
public static class NeedRegistry
{
    public const int Shards = 64;

    /// <summary>The key of the one list that held every need before the registry was sharded.</summary>
    public const long Legacy = 0;

    /// <summary>The key of the shard that holds <paramref name="needId"/>: 1 to <see cref="Shards"/>.</summary>
    public static long ShardOf(string needId) => 1 + Registries.StableHash(needId) % Shards;

    public static Task PutAsync(IGrainFactory grains, NeedSummary summary) =>
        grains.GetGrain<INeedListGrain>(ShardOf(summary.Id)).PutAsync(summary);

    /// <summary>Every need, newest first; a need in its shard stands over its older copy in the legacy list.</summary>
    public static async Task<IReadOnlyList<NeedSummary>> ListAsync(IGrainFactory grains)
    {
        var lists = await Task.WhenAll(Enumerable.Range(0, Shards + 1).Select(k => grains.GetGrain<INeedListGrain>(k).ListAsync()));
        var byId = new Dictionary<string, NeedSummary>(StringComparer.Ordinal);
        foreach (var need in lists.Skip(1).SelectMany(l => l).Concat(lists[0]))
        {
            byId.TryAdd(need.Id, need);
        }

        return byId.Values.OrderByDescending(n => n.PostedAt).ThenBy(n => n.Id, StringComparer.Ordinal).ToArray();
    }
}
