namespace Bijie.Actors.Abstractions;

/// <summary>Makes a key: a random id and secret; the grain keeps the secret's hash only. The API and the host's first start both issue here, on the silo side.</summary>
public static class ApiKeyIssuer
{
    /// <summary>A new key and its token (<c>bjk_{id}_{secret}</c>), which is shown this once and never stored.</summary>
    public static async Task<(ApiKeyInfo Key, string Token)> IssueAsync(IGrainFactory grains, string owner, ActorRole role, string? organizationId, string issuedBy)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var (id, secret, token) = ApiKeyTokens.New();
        var info = await grains.GetGrain<IApiKeyGrain>(id).CreateAsync(owner, role, organizationId, ApiKeyTokens.Hash(secret), issuedBy);
        return (info, token);
    }

    /// <summary>Whether a token names an active key.</summary>
    public static async Task<bool> IsActiveAsync(IGrainFactory grains, string token) =>
        ApiKeyTokens.TryParse(token, out var id, out var secret) && await grains.GetGrain<IApiKeyGrain>(id).VerifyAsync(ApiKeyTokens.Hash(secret)) is not null;
}
