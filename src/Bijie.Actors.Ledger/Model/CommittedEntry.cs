namespace Bijie.Actors.Ledger;

/// <summary>An entry as committed, with its position in commit order.</summary>
public sealed record CommittedEntry(long Position, LedgerEntry Entry);
