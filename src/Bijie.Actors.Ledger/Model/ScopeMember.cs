namespace Bijie.Actors.Ledger;

/// <summary>A member's net count in a scope (the number of subjects contributing it).</summary>
public sealed record ScopeMember(string Indicator, string Member, short Year, short? YearTo, int Count);
