using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Matters;

/// <summary>One shard of the matters' summaries (<see cref="MatterRegistry"/>): the matters of the helpers that hash to it.</summary>
public sealed class MatterListGrain(
    [PersistentState("matters", StorageNames.Default)] IPersistentState<Dictionary<string, MatterSummary>> list) : Grain, IMatterListGrain
{
    public async Task PutAsync(MatterSummary summary)
    {
        list.State[summary.Id] = summary;
        await list.WriteStateAsync();
    }

    public Task<IReadOnlyList<MatterSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<MatterSummary>>(list.State.Values.OrderBy(m => m.Due).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray());
}
