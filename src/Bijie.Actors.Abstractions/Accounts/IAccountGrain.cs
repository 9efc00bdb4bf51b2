namespace Bijie.Actors.Abstractions;

/// <summary>A sign-in account keyed by its user name; the password is kept as ASP.NET Core Identity's hash.</summary>
[Alias("Bijie.Actors.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey, IChangeTracked
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
