namespace Bijie.Actors.Ledger;

/// <summary>A page of standing reports and, when asked for, how many there are in all.</summary>
public sealed record StandingReportsPage(IReadOnlyList<StoredEntry> Entries, int? Total);
