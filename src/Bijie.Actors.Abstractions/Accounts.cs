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

/// <summary>The outcome of a password check.</summary>
public enum SignInOutcome
{
    Succeeded = 0,
    Failed = 1,
    /// <summary>No longer answered (accounts are not locked); kept so that stored and in-flight values still read.</summary>
    LockedOut = 2,
}

/// <summary>What a sign-in attempt found.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] AccountInfo? Account,
    [property: Id(2)] string? SessionId = null);

/// <summary>What an admin's password reset did: the one-time password when the server made one up (shown this once).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PasswordReset")]
public sealed record PasswordReset(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] string? OneTimePassword);

/// <summary>A sign-in account keyed by its user name; the password is kept as ASP.NET Core Identity's hash.</summary>
[Alias("Bijie.Actors.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with its first password (kept only as a hash); a taken name is a conflict.</summary>
    [Alias("Create")]
    Task<AccountInfo> CreateAsync(string displayName, ActorRole role, string? organizationId, string password, string createdBy);

    /// <summary>
    /// Checks a password; a success starts a session (its id in the answer) that lasts until it is ended here.
    /// Failures are throttled in front of the grain, never by locking the account.
    /// </summary>
    [Alias("SignIn")]
    Task<SignInResult> SignInAsync(string password);

    /// <summary>Whether a session the account started is still going (not signed out, not ended by a password change or a disable).</summary>
    [Alias("IsSessionActive"), Orleans.Concurrency.ReadOnly]
    Task<bool> IsSessionActiveAsync(string sessionId);

    /// <summary>Ends one session (sign-out); null ends every session of the account.</summary>
    [Alias("EndSessions")]
    Task EndSessionsAsync(string? sessionId);

    /// <summary>The user changes the password, knowing the current one; every session ends, and a new one starts for the caller.</summary>
    [Alias("ChangePassword")]
    Task<SignInResult> ChangePasswordAsync(string currentPassword, string newPassword);

    /// <summary>An admin disables (true) or enables (false) the account; disabling ends every session.</summary>
    [Alias("SetDisabled")]
    Task<AccountInfo> SetDisabledAsync(bool disabled, string by);

    /// <summary>An admin sets a new password (null: the grain makes one up and answers it once); every session ends.</summary>
    [Alias("ResetPassword")]
    Task<PasswordReset> ResetPasswordAsync(string? newPassword, string by);

    [Alias("Get")]
    Task<AccountInfo> GetAsync();
}
