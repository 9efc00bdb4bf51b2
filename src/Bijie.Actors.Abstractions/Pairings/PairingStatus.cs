namespace Bijie.Actors.Abstractions;

public enum PairingStatus
{
    /// <summary>Never started.</summary>
    None = 0,
    Active = 1,
    Ended = 2,
}
