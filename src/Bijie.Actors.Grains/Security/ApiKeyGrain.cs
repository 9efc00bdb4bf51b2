using System.Security.Cryptography;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Security;

/// <summary>An API key: its owner, role and organisation, and the SHA-256 of its secret (a random 256-bit value, so a fast hash is enough).</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey", StorageNames.Default)] IPersistentState<ApiKeyState> state,
    TimeProvider time,
    ILedger ledger) : Grain, IApiKeyGrain
{
    public async Task<ApiKeyInfo> CreateAsync(string owner, ActorRole role, string? organizationId, byte[] secretHash, string createdBy)
    {
        if (state.State.Info is not null)
        {
            throw DomainException.Conflict("apikey.exists", "This key id is taken.");
        }

        if (string.IsNullOrWhiteSpace(owner) || owner.Length > 100)
        {
            throw DomainException.Invalid("apikey.owner", "A key needs an owner of at most 100 characters.", "owner");
        }

        if (role is ActorRole.System)
        {
            throw DomainException.Invalid("apikey.role", "No key acts as the system.", "role");
        }

        if (role == ActorRole.Helper)
        {
            await GrainFactory.GetGrain<IHelperGrain>(organizationId ?? "").GetAsync();
        }
        else if (role == ActorRole.Enterprise)
        {
            if (CreditCodes.Problem(organizationId) is { } problem)
            {
                throw DomainException.Invalid("enterprise.credit_code", problem, "organizationId");
            }

            await GrainFactory.GetGrain<IEnterpriseGrain>(organizationId!).GetAsync();
        }
        else if (role == ActorRole.Locality)
        {
            await GrainFactory.GetLocality(organizationId ?? "").GetAsync(); // a locality's key names its division code
        }
        else if (organizationId is not null)
        {
            throw DomainException.Invalid("apikey.organization", "Only helper, enterprise and locality keys are bound to an organisation.", "organizationId");
        }

        state.State.Info = new ApiKeyInfo(this.GetPrimaryKeyString(), owner.Trim(), role, organizationId, time.GetUtcNow(), createdBy, null);
        state.State.SecretHash = secretHash;
        await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.ApiKey, this.GetPrimaryKeyString(), createdBy, "issue", state.State.Info);
        await Registries.AddAsync(GrainFactory, Registries.ApiKeys, this.GetPrimaryKeyString());
        return state.State.Info;
    }

    public Task<ApiKeyInfo?> VerifyAsync(byte[] secretHash) =>
        Task.FromResult(state.State is { Info.Active: true, SecretHash: { } stored } && CryptographicOperations.FixedTimeEquals(stored, secretHash)
            ? state.State.Info
            : null);

    public async Task<ApiKeyInfo> RevokeAsync(string revokedBy)
    {
        var info = await GetAsync();
        if (info.Active)
        {
            state.State.Info = info with { RevokedAt = time.GetUtcNow() };
            state.State.RevokedBy = revokedBy;
            await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.ApiKey, this.GetPrimaryKeyString(), revokedBy, "revoke", state.State.Info);
        }

        return state.State.Info!;
    }

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        await GetAsync();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.ApiKey, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    public Task<bool> IsActiveAsync() => Task.FromResult(state.State.Info is { Active: true });

    public Task<ApiKeyInfo> GetAsync() => Task.FromResult(state.State.Info
        ?? throw DomainException.NotFound("apikey.unknown", $"No API key '{this.GetPrimaryKeyString()}'.", "id"));
}
