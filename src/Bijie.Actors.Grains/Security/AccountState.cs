using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Security;

[GenerateSerializer, Alias("Bijie.Actors.AccountState")]
public sealed class AccountState : Changes.IChangeVersioned
{
    [Id(0)] public AccountInfo? Info { get; set; }
    [Id(1)] public string? PasswordHash { get; set; }

    /// <summary>The former lockout's count; no longer used.</summary>
    [Id(2)] public int Failures { get; set; }
    [Id(3)] public string? CreatedBy { get; set; }

    /// <summary>The account's sessions, oldest first (at most <see cref="AccountGrain.MaxSessions"/>).</summary>
    [Id(4)] public List<AccountSession> Sessions { get; set; } = [];

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(5)] public int ChangeVersion { get; set; }

    /// <summary>When the password was last set (recorded in its changes in place of anything about the password itself).</summary>
    [Id(6)] public DateTimeOffset? PasswordSetAt { get; set; }
}
