namespace Bijie.Actors.Abstractions;

/// <summary>What an admin's password reset did: the one-time password when the server made one up (shown this once).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PasswordReset")]
public sealed record PasswordReset(
    [property: Id(0)] AccountInfo Account,
    [property: Id(1)] string? OneTimePassword);
