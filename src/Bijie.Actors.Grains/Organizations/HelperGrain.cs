using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Grains.Localities;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Organizations;

/// <summary>A helper organisation or local institution: its profile, written on registration only.</summary>
public sealed class HelperGrain(
    [PersistentState("helper", StorageNames.Default)] IPersistentState<HelperState> state,
    DivisionCatalog divisions,
    ILedger ledger,
    TimeProvider time) : Grain, IHelperGrain
{
    public async Task<HelperProfile> RegisterAsync(HelperProfile profile, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var id = this.GetPrimaryKeyString();
        if (!HelperIds.IsValid(id) || profile.Id != id)
        {
            throw DomainException.Invalid("helper.id", $"'{profile.Id}' is not a valid helper id (lower-case letters, digits and '-', 3–64 characters) or does not match the grain.", "id");
        }

        if (string.IsNullOrWhiteSpace(profile.NameZh) || profile.NameZh.Length > 100)
        {
            throw DomainException.Invalid("helper.name", "A helper needs a Chinese name of at most 100 characters.", "nameZh");
        }

        if (profile.Kind == HelperKind.LocalInstitution)
        {
            divisions.Get(profile.LocalityCode ?? "", "localityCode");
        }
        else if (profile.LocalityCode is not null)
        {
            divisions.Get(profile.LocalityCode, "localityCode");
        }

        // Arrays, whatever list the caller built: the state is stored as JSON naming its types, and the compiler's
        // own list types (from collection expressions) cannot be read back.
        profile = profile with { Strengths = profile.Strengths.Distinct().ToArray() };
        if (state.State.Profile is not { } current || current with { Strengths = profile.Strengths } != profile || !current.Strengths.SequenceEqual(profile.Strengths))
        {
            var action = state.State.Profile is null ? "register" : "update";
            state.State.Profile = profile;
            state.State.RegisteredBy ??= actor.Id;
            await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Helper, id, actor.Id, action, profile);
        }

        // Idempotent: a registration whose listing entry was lost adds it when registered again.
        await Registries.AddAsync(GrainFactory, Registries.Helpers, this.GetPrimaryKeyString(), [$"kind:{profile.Kind}"]);

        return profile;
    }

    public Task<HelperProfile> GetAsync() => Task.FromResult(state.State.Profile
        ?? throw DomainException.NotFound("helper.unknown", $"No helper organisation '{this.GetPrimaryKeyString()}'.", "helperId"));

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        await GetAsync();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.Helper, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    public async Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync()
    {
        await GetAsync();
        return await Subjects.ActivePairings.OfAsync(GrainFactory, Scopes.Helper(this.GetPrimaryKeyString()));
    }
}
