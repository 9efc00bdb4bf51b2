namespace Bijie.Actors.Ledger;

/// <summary>The answer to an append; returned only once the entry (or its earlier twin) is durable.</summary>
public sealed record AppendResult(AppendOutcome Outcome, Guid EntryId, long Position);
