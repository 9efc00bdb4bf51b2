namespace Bijie.Actors.Abstractions;

/// <summary>What a sign-in attempt found.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] AccountInfo? Account,
    [property: Id(2)] string? SessionId = null);
