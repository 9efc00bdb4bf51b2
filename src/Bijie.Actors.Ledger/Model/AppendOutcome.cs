namespace Bijie.Actors.Ledger;

/// <summary>How an append ended.</summary>
public enum AppendOutcome
{
    /// <summary>Committed now.</summary>
    Committed = 0,

    /// <summary>The same idempotency key with the same request was committed before: that entry is the answer.</summary>
    Duplicate = 1,

    /// <summary>The idempotency key was used before for another request: nothing was committed.</summary>
    KeyReused = 2,
}
