namespace Bijie.Actors.Ledger;

/// <summary>
/// One line of an entry. A value line (<see cref="Member"/> null) adds <see cref="Value"/> to the indicator for
/// the year and month; a member line (+1 or -1) adds or removes a member of a counted indicator for the years
/// <see cref="Year"/>..<see cref="YearTo"/> (open when null). <see cref="Scopes"/> names every roll-up the line
/// counts in (L:5205, L:520527, T:health, H:helper, E:credit code, S:subject).
/// </summary>
public sealed record LedgerLine(
    string Indicator,
    short Year,
    short? Month,
    short? YearTo,
    string? Member,
    decimal Value,
    IReadOnlyList<string> Scopes)
{
    /// <summary>
    /// A value of what was reported: a value line whose indicator is not a derived figure (named "kind:indicator", such
    /// as the reviewed or an approved part). PostgresLedger.SumBatchAsync makes the same test in SQL.
    /// </summary>
    public bool IsValue => Member is null && !Indicator.Contains(':');
}
