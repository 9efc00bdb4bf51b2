namespace Bijie.Actors.Abstractions;

/// <summary>An API key of a program, helper or enterprise, keyed by its public id (the part of the token before the secret).</summary>
[Alias("Bijie.Actors.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey, IChangeTracked
{
    /// <summary>Creates the key with the hash of its secret; a key id is used once.</summary>
    [Alias("Create")]
    Task<ApiKeyInfo> CreateAsync(string owner, ActorRole role, string? organizationId, byte[] secretHash, string createdBy);

    /// <summary>The key if the secret's hash matches and it is not revoked; else null.</summary>
    [Alias("Verify")]
    Task<ApiKeyInfo?> VerifyAsync(byte[] secretHash);

    [Alias("Revoke")]
    Task<ApiKeyInfo> RevokeAsync(string revokedBy);

    [Alias("Get")]
    Task<ApiKeyInfo> GetAsync();

    /// <summary>Whether a key with this id exists and is not revoked (a wrong secret for it does not make it unusable).</summary>
    [Alias("IsActive")]
    Task<bool> IsActiveAsync();
}
