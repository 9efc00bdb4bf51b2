namespace Bijie.Actors.Abstractions;

/// <summary>
/// One shard of the needs' summaries (key: 1 to <see cref="NeedRegistry.Shards"/>; key 0 is the one list of the
/// stores before the needs were sharded, still read). Reach it through <see cref="NeedRegistry"/>.
/// </summary>
[Alias("Bijie.Actors.INeedListGrain")]
public interface INeedListGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(NeedSummary summary);

    [Alias("List")]
    Task<IReadOnlyList<NeedSummary>> ListAsync();
}
