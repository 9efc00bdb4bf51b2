using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Needs;

/// <summary>One shard of the needs' summaries (<see cref="NeedRegistry"/>), for the lists and the boards' counts.</summary>
public sealed class NeedListGrain(
    [PersistentState("needs", StorageNames.Default)] IPersistentState<Dictionary<string, NeedSummary>> list) : Grain, INeedListGrain
{
    public async Task PutAsync(NeedSummary summary)
    {
        list.State[summary.Id] = summary;
        await list.WriteStateAsync();
    }

    public Task<IReadOnlyList<NeedSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<NeedSummary>>(list.State.Values.OrderByDescending(n => n.PostedAt).ToArray());
}
