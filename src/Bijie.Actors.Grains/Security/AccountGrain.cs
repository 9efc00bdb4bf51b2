using System.Security.Cryptography;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;
using Microsoft.AspNetCore.Identity;
using SignInResult = Bijie.Actors.Abstractions.SignInResult;

namespace Bijie.Actors.Grains.Security;

/// <summary>
/// A sign-in account. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2, salted, versioned). The account keeps the ids of its sessions: a cookie works only while its session is
/// listed, so a sign-out ends that session, and a password change, a reset or a disable end them all at once.
/// Failed attempts are throttled in front of the grain (by address), never by locking the account: a lock anyone could
/// trigger would keep its owner out.
/// </summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state,
    TimeProvider time,
    ILedger ledger) : Grain, IAccountGrain
{
    /// <summary>Sessions kept per account; a sign-in beyond this ends the oldest (bounds the stored row).</summary>
    public const int MaxSessions = 16;

    private static readonly PasswordHasher<AccountInfo> Hasher = new();

    public const int MinPasswordLength = 10;

    private static string Hash(string password) => Hasher.HashPassword(null!, password);

    private static void CheckPassword(string? password, string field = "password")
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > 256)
        {
            throw DomainException.Invalid("account.password", $"A password has {MinPasswordLength} to 256 characters.", field);
        }
    }

    private AccountInfo Existing => state.State.Info
        ?? throw DomainException.NotFound("account.unknown", $"No account '{this.GetPrimaryKeyString()}'.", "userName");

    public async Task<AccountInfo> CreateAsync(string displayName, ActorRole role, string? organizationId, string password, string createdBy)
    {
        CheckPassword(password);
        var name = this.GetPrimaryKeyString();
        if (state.State.Info is not null)
        {
            throw DomainException.Conflict("account.exists", $"The user name '{name}' is taken.", "userName");
        }

        if (name.Length is < 2 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw DomainException.Invalid("account.user_name", "A user name has 2 to 64 letters, digits, '.', '-' or '_'.", "userName");
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            throw DomainException.Invalid("account.display_name", "A display name of at most 100 characters is required.", "displayName");
        }

        if (role == ActorRole.System || (role is ActorRole.Helper or ActorRole.Enterprise or ActorRole.Locality) != (organizationId is not null))
        {
            throw DomainException.Invalid("account.role", "Helper, enterprise and locality accounts name their organisation (a locality: its division code); other roles do not.", "organizationId");
        }

        await CheckOrganizationAsync(role, organizationId);
        state.State.Info = new AccountInfo(name, displayName.Trim(), role, organizationId, null, false);
        state.State.PasswordHash = Hash(password);
        state.State.CreatedBy = createdBy;
        state.State.PasswordSetAt = time.GetUtcNow();
        await RecordAsync(createdBy, "create");
        return state.State.Info;
    }

    /// <summary>The organisation an account speaks for exists (a helper, an enterprise with a valid credit code, a place); in the body an unknown one is bad input.</summary>
    private async Task CheckOrganizationAsync(ActorRole role, string? organizationId)
    {
        if (organizationId is null)
        {
            return;
        }

        try
        {
            switch (role)
            {
                case ActorRole.Helper:
                    await GrainFactory.GetGrain<IHelperGrain>(organizationId).GetAsync();
                    break;
                case ActorRole.Enterprise:
                    if (!CreditCodes.IsValid(organizationId))
                    {
                        throw DomainException.Invalid("enterprise.credit_code", CreditCodes.Problem(organizationId)!, "organizationId");
                    }

                    await GrainFactory.GetGrain<IEnterpriseGrain>(organizationId).GetAsync();
                    break;
                case ActorRole.Locality:
                    await GrainFactory.GetLocality(organizationId).GetAsync();
                    break;
            }
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, e.Field);
        }
    }

    public async Task<SignInResult> SignInAsync(string password)
    {
        var info = state.State.Info;
        if (info is null || info.Disabled || state.State.PasswordHash is null)
        {
            Hash(password); // as slow as a real check: the answer does not tell whether the name exists
            return new SignInResult(SignInOutcome.Failed, null);
        }

        var verdict = Hasher.VerifyHashedPassword(info, state.State.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return new SignInResult(SignInOutcome.Failed, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = Hash(password);
        }

        // Accounts locked by the former lockout are unlocked by their next good password.
        state.State.Failures = 0;
        state.State.Info = info with { LockedUntil = null };
        var session = StartSession();
        await state.WriteStateAsync();
        return new SignInResult(SignInOutcome.Succeeded, state.State.Info, session);
    }

    private string StartSession()
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var sessions = state.State.Sessions;
        sessions.Add(new AccountSession(id, time.GetUtcNow()));
        if (sessions.Count > MaxSessions)
        {
            sessions.RemoveRange(0, sessions.Count - MaxSessions);
        }

        return id;
    }

    public Task<bool> IsSessionActiveAsync(string sessionId) => Task.FromResult(
        state.State.Info is { Disabled: false } && state.State.Sessions.Exists(s => s.Id == sessionId));

    public async Task EndSessionsAsync(string? sessionId)
    {
        if (state.State.Sessions.RemoveAll(s => sessionId is null || s.Id == sessionId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<SignInResult> ChangePasswordAsync(string currentPassword, string newPassword)
    {
        var info = Existing;
        if (info.Disabled || state.State.PasswordHash is null
            || Hasher.VerifyHashedPassword(info, state.State.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return new SignInResult(SignInOutcome.Failed, null);
        }

        CheckPassword(newPassword, "newPassword");
        state.State.PasswordHash = Hash(newPassword);
        state.State.PasswordSetAt = time.GetUtcNow();
        state.State.Sessions.Clear();
        var session = StartSession();
        await RecordAsync($"user:{info.UserName}", "change-password");
        return new SignInResult(SignInOutcome.Succeeded, info, session);
    }

    public async Task<AccountInfo> SetDisabledAsync(bool disabled, string by)
    {
        var info = Existing;
        state.State.Info = info with { Disabled = disabled };
        if (disabled)
        {
            state.State.Sessions.Clear();
        }

        await RecordAsync(by, disabled ? "disable" : "enable");
        return state.State.Info;
    }

    public async Task<PasswordReset> ResetPasswordAsync(string? newPassword, string by)
    {
        var info = Existing;
        var made = newPassword is null;
        // 16 characters of an alphabet without look-alikes (0/O, 1/l/I): about 93 bits, easy to read out.
        newPassword ??= RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
        CheckPassword(newPassword);
        state.State.PasswordHash = Hash(newPassword);
        state.State.Sessions.Clear();
        state.State.Info = info with { LockedUntil = null };
        state.State.PasswordSetAt = time.GetUtcNow();
        await RecordAsync(by, "reset-password");
        return new PasswordReset(state.State.Info, made ? newPassword : null);
    }

    public Task<AccountInfo> GetAsync() => Task.FromResult(Existing);

    /// <summary>Records a change of the account and stores it: what it is, and when its password was set — never the password or its hash.</summary>
    private Task RecordAsync(string by, string action)
    {
        var info = Existing;
        return ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Account, info.UserName, by, action,
            new { info.DisplayName, info.Role, info.OrganizationId, info.Disabled, passwordSetAt = state.State.PasswordSetAt });
    }

    public Task<IReadOnlyList<ChangeView>> GetChangesAsync() =>
        ChangeTrail.ReadAsync(ledger, ChangeResources.Account, Existing.UserName, state.State.ChangeVersion);
}
