using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Organizations;

/// <summary>A private enterprise keyed by its unified social credit code; a code with a wrong check character is refused.</summary>
public sealed class EnterpriseGrain(
    [PersistentState("enterprise", StorageNames.Default)] IPersistentState<EnterpriseState> state,
    ILedger ledger,
    TimeProvider time) : Grain, IEnterpriseGrain
{
    public async Task<EnterpriseProfile> RegisterAsync(EnterpriseProfile profile, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var code = this.GetPrimaryKeyString();
        if (CreditCodes.Problem(code) is { } problem)
        {
            throw DomainException.Invalid("enterprise.credit_code", problem, "creditCode");
        }

        if (profile.CreditCode != code)
        {
            throw DomainException.Invalid("enterprise.credit_code", "The profile's credit code does not match the enterprise.", "creditCode");
        }

        if (string.IsNullOrWhiteSpace(profile.Name) || profile.Name.Length > 100)
        {
            throw DomainException.Invalid("enterprise.name", "An enterprise needs a name of at most 100 characters.", "name");
        }

        if (state.State.Profile != profile)
        {
            var action = state.State.Profile is null ? "register" : "update";
            state.State.Profile = profile;
            state.State.RegisteredBy ??= actor.Id;
            await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Enterprise, code, actor.Id, action, profile);
        }

        // Idempotent: a registration whose listing entry was lost adds it when registered again.
        await Registries.AddAsync(GrainFactory, Registries.Enterprises, this.GetPrimaryKeyString());

        return profile;
    }

    public Task<EnterpriseProfile> GetAsync() => Task.FromResult(state.State.Profile
        ?? throw DomainException.NotFound("enterprise.unknown", $"No enterprise with credit code '{this.GetPrimaryKeyString()}'.", "enterpriseCode"));

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        await GetAsync();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.Enterprise, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    public async Task<IReadOnlyList<PairingInfo>> GetActivePairingsAsync()
    {
        await GetAsync();
        return await Subjects.ActivePairings.OfAsync(GrainFactory, Scopes.Enterprise(this.GetPrimaryKeyString()));
    }
}
