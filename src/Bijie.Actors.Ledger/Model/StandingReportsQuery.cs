namespace Bijie.Actors.Ledger;

/// <summary>
/// One page of the reports that stand (no reversal took them back) in a year, with a line in every one of
/// <paramref name="Scopes"/> (an organisation's and a place's roll-up together: what the organisation reported there).
/// <paramref name="IdempotencyScope"/> narrows to one source (visits record under their own); <paramref name="CountTotal"/>
/// asks for the count of all of them as well; <paramref name="Approved"/> narrows to those the office approved (true) or not yet (false);
/// <paramref name="Flagged"/> to those accepted with warnings (true: their body carries flags, <see cref="LedgerEntry.IsFlagged"/>) or without.
/// </summary>
public sealed record StandingReportsQuery(
    IReadOnlyList<string> Scopes, short Year, int Offset, int Limit, bool NewestFirst, string? IdempotencyScope = null, bool CountTotal = true,
    bool? Approved = null, string? Indicator = null, bool? OnBehalf = null, long? ThroughPosition = null, bool? Flagged = null);
