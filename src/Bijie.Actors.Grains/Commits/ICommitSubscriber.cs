using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Commits;

/// <summary>What hangs off this silo's <see cref="CommitFeed"/>: the roll-ups, the live ticker, the webhooks.</summary>
public interface ICommitSubscriber
{
    /// <summary>A batch this silo's ledger writer committed, in commit order. Called on the feed's one reader: return quickly.</summary>
    void Committed(CommittedBatch batch);

    /// <summary>
    /// A batch found in the ledger still undelivered after a while that this silo did not publish (its writer died
    /// before its roll-ups were delivered): what the subscriber owes every batch, it owes this one too. Repeats happen.
    /// </summary>
    void Recovered(CommittedBatch batch);
}
