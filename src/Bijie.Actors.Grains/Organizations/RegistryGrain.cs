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
}

[GenerateSerializer, Alias("Bijie.Actors.RegistryState")]
public sealed class RegistryState
{
    [Id(0)] public HashSet<string> Ids { get; set; } = [];
}
