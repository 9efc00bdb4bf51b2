namespace Bijie.Actors.Abstractions;

/// <summary>An expert team (key: its id): registered by the office, its service batches recorded in the ledger.</summary>
[Alias("Bijie.Actors.IExpertTeamGrain")]
public interface IExpertTeamGrain : IGrainWithStringKey, IChangeTracked
{
    /// <summary>Registers or updates the team (office).</summary>
    [Alias("Register")]
    Task<ExpertTeamInfo> RegisterAsync(RegisterExpertTeam team, ActorRef actor);

    [Alias("Get")]
    Task<ExpertTeamInfo> GetAsync();

    /// <summary>Records a service batch once per key: one batch and its person-times in every place served.</summary>
    [Alias("RecordBatch")]
    Task<ServiceBatchInfo> RecordBatchAsync(RecordServiceBatch batch, string idempotencyKey, ActorRef actor);

    /// <summary>The team's batches, newest first.</summary>
    [Alias("ListBatches")]
    Task<IReadOnlyList<ServiceBatchInfo>> ListBatchesAsync();

    /// <summary>Takes a batch back: its figures are reversed.</summary>
    [Alias("WithdrawBatch")]
    Task<ServiceBatchInfo> WithdrawBatchAsync(Guid entryId, string reason, ActorRef actor);
}
