namespace Bijie.Actors.Abstractions;

/// <summary>
/// A person's sign-in account (office staff, a helper's or an enterprise's user), without its password hash.
/// <see cref="LockedUntil"/> is no longer set: failed sign-ins are throttled by address, never by locking the account.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] ActorRole Role,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] DateTimeOffset? LockedUntil,
    [property: Id(5)] bool Disabled);
