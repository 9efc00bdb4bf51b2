namespace Bijie.Actors.Abstractions;

/// <summary>The outcome of a password check.</summary>
public enum SignInOutcome
{
    Succeeded = 0,
    Failed = 1,
    /// <summary>No longer answered (accounts are not locked); kept so that stored and in-flight values still read.</summary>
    LockedOut = 2,
}
