using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Organizations;

/// <summary>
/// The ids of the registered things of one kind (helpers, enterprises, API keys), written on registration only
/// (an office action, not per request), bounded by the number of organisations and keys the programme has.
/// </summary>
public sealed class RegistryGrain(
    [PersistentState("registry", StorageNames.Default)] IPersistentState<RegistryState> state) : Grain, IRegistryGrain
{
    public const string Helpers = "helpers";
    public const string Enterprises = "enterprises";
    public const string ApiKeys = "api-keys";

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
