using Bijie.Actors.Abstractions;
using Microsoft.AspNetCore.Identity;
using SignInResult = Bijie.Actors.Abstractions.SignInResult;

namespace Bijie.Actors.Grains.Security;

/// <summary>
/// A sign-in account. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2, salted, versioned); five failures in a row lock the account for fifteen minutes.
/// </summary>
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Default)] IPersistentState<AccountState> state,
    TimeProvider time) : Grain, IAccountGrain
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private static readonly PasswordHasher<AccountInfo> Hasher = new();

    public const int MinPasswordLength = 10;

    private static string Hash(string password) => Hasher.HashPassword(null!, password);

    public async Task<AccountInfo> CreateAsync(string displayName, ActorRole role, string? organizationId, string password, string createdBy)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > 256)
        {
            throw DomainException.Invalid("account.password", $"A password has {MinPasswordLength} to 256 characters.", "password");
        }

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

        state.State.Info = new AccountInfo(name, displayName.Trim(), role, organizationId, null, false);
        state.State.PasswordHash = Hash(password);
        state.State.CreatedBy = createdBy;
        await state.WriteStateAsync();
        return state.State.Info;
    }

    public async Task<SignInResult> SignInAsync(string password)
    {
        var info = state.State.Info;
        if (info is null || info.Disabled || state.State.PasswordHash is null)
        {
            Hash(password); // as slow as a real check: the answer does not tell whether the name exists
            return new SignInResult(SignInOutcome.Failed, null);
        }

        var now = time.GetUtcNow();
        if (info.LockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, info);
        }

        var verdict = Hasher.VerifyHashedPassword(info, state.State.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            state.State.Failures++;
            if (state.State.Failures >= MaxFailures)
            {
                state.State.Failures = 0;
                state.State.Info = info with { LockedUntil = now + Lockout };
            }

            await state.WriteStateAsync();
            return new SignInResult(state.State.Info!.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.PasswordHash = Hash(password);
        }

        if (state.State.Failures != 0 || info.LockedUntil is not null || verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State.Failures = 0;
            state.State.Info = info with { LockedUntil = null };
            await state.WriteStateAsync();
        }

        return new SignInResult(SignInOutcome.Succeeded, state.State.Info);
    }

    public Task<AccountInfo> GetAsync() => Task.FromResult(state.State.Info
        ?? throw DomainException.NotFound("account.unknown", $"No account '{this.GetPrimaryKeyString()}'.", "userName"));
}

[GenerateSerializer, Alias("Bijie.Actors.AccountState")]
public sealed class AccountState
{
    [Id(0)] public AccountInfo? Info { get; set; }
    [Id(1)] public string? PasswordHash { get; set; }
    [Id(2)] public int Failures { get; set; }
    [Id(3)] public string? CreatedBy { get; set; }
}
