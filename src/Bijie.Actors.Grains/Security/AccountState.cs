using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Security;

[GenerateSerializer, Alias("Bijie.Actors.AccountState")]
public sealed class AccountState
{
    [Id(0)] public AccountInfo? Info { get; set; }
    [Id(1)] public string? PasswordHash { get; set; }

    /// <summary>The former lockout's count; no longer used.</summary>
    [Id(2)] public int Failures { get; set; }
    [Id(3)] public string? CreatedBy { get; set; }

    /// <summary>The account's sessions, oldest first (at most <see cref="AccountGrain.MaxSessions"/>).</summary>
    [Id(4)] public List<AccountSession> Sessions { get; set; } = [];
}
