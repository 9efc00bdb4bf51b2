namespace Bijie.Actors.Ledger;

/// <summary>A scope's totals through <see cref="Head"/>, batches excluded on request.</summary>
public sealed record ScopeTotals(long Head, IReadOnlyList<ScopeSum> Sums, IReadOnlyList<ScopeMember> Members, int Lines);
