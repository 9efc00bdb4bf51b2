namespace Bijie.Actors.Ledger;

/// <summary>A roll-up's snapshot as it stored it, and the lines after it (see <see cref="ILedger.ActivateScopeAsync"/>).</summary>
public sealed record ScopeActivation(byte[]? Snapshot, ScopeTotals? Unsaved);
