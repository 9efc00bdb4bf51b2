namespace Bijie.Actors.Abstractions;

/// <summary>A person's sign-in account (office staff, a helper's or an enterprise's user), without its password hash.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] ActorRole Role,
    [property: Id(3)] string? OrganizationId,
    [property: Id(4)] DateTimeOffset? LockedUntil,
    [property: Id(5)] bool Disabled);

/// <summary>The outcome of a password check.</summary>
public enum SignInOutcome
{
    Succeeded = 0,
    Failed = 1,
    LockedOut = 2,
}

/// <summary>What a sign-in attempt found.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] AccountInfo? Account);

/// <summary>A sign-in account keyed by its user name; the password is kept as ASP.NET Core Identity's hash.</summary>
[Alias("Bijie.Actors.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with its first password (kept only as a hash); a taken name is a conflict.</summary>
    [Alias("Create")]
    Task<AccountInfo> CreateAsync(string displayName, ActorRole role, string? organizationId, string password, string createdBy);

    /// <summary>Checks a password; repeated failures lock the account for a while.</summary>
    [Alias("SignIn")]
    Task<SignInResult> SignInAsync(string password);

    [Alias("Get")]
    Task<AccountInfo> GetAsync();
}
