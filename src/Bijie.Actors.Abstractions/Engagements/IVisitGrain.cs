namespace Bijie.Actors.Abstractions;

/// <summary>A research visit (key: its id). The ledger entry is the record; the grain answers for it.</summary>
[Alias("Bijie.Actors.IVisitGrain")]
public interface IVisitGrain : IGrainWithStringKey
{
    /// <summary>Records the visit once; the same record again is answered with what was recorded.</summary>
    [Alias("Record")]
    Task<VisitInfo> RecordAsync(RecordVisit visit, ActorRef actor);

    [Alias("Get")]
    Task<VisitInfo> GetAsync();

    /// <summary>Takes the visit back: its figures are reversed in the ledger.</summary>
    [Alias("Withdraw")]
    Task<VisitInfo> WithdrawAsync(string reason, ActorRef actor);
}
