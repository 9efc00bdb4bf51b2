using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Organizations;

/// <summary>
/// One shard of the ids of the registered things of one kind (<see cref="Registries"/>), written on registration
/// only (an office action, not per request), bounded by the shard's part of the organisations and keys.
/// </summary>
public sealed class RegistryGrain(
    [PersistentState("registry", StorageNames.Default)] IPersistentState<RegistryState> state) : Grain, IRegistryGrain
{
    public async Task AddAsync(string id)
    {
        if (state.State.Ids.Add(id))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Ids.Order(StringComparer.Ordinal).ToArray());

    public async Task AddAsync(string id, IReadOnlyList<string> tags)
    {
        var wanted = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var added = state.State.Ids.Add(id);
        if (added || !state.State.Tags.TryGetValue(id, out var had) || !had.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            state.State.Tags[id] = wanted;
            await state.WriteStateAsync();
        }
    }

    public Task<RegistryMatches> FindAsync(IReadOnlyList<string> tags)
    {
        var ids = new List<string>();
        var untagged = new List<string>();
        foreach (var id in state.State.Ids)
        {
            if (!state.State.Tags.TryGetValue(id, out var own))
            {
                untagged.Add(id);
            }
            else if (tags.All(t => Array.BinarySearch(own, t, StringComparer.Ordinal) >= 0))
            {
                ids.Add(id);
            }
        }

        return Task.FromResult(new RegistryMatches(ids, untagged));
    }
}
