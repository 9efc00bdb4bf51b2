namespace Bijie.Actors.Ledger;

/// <summary>Answers an append with a conflict or a store failure.</summary>
public sealed class LedgerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
