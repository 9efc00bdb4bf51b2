namespace Bijie.Actors.Ledger;

/// <summary>
/// One commit of the group committer. Positions follow commit order across every writer: all of a batch's
/// positions are above those of every batch committed before it. <see cref="BatchId"/> is its first position.
/// </summary>
public sealed record CommittedBatch(long BatchId, long LastPosition, IReadOnlyList<CommittedEntry> Entries);
