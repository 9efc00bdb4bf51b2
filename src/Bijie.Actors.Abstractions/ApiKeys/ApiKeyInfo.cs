namespace Bijie.Actors.Abstractions;

/// <summary>An API key as the system keeps it: never the secret, only its hash.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Owner,
    [property: Id(2)] ActorRole Role,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;
}
