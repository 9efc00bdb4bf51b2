namespace Bijie.Actors.Ledger;

/// <summary>An entry as stored, for history and reversal.</summary>
public sealed record StoredEntry(long Position, LedgerEntry Entry);
