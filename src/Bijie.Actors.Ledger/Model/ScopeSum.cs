namespace Bijie.Actors.Ledger;

/// <summary>A sum of value lines in a scope.</summary>
public sealed record ScopeSum(string Indicator, short Year, short? Month, decimal Value);
