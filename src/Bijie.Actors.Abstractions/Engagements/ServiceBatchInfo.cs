namespace Bijie.Actors.Abstractions;

/// <summary>A service batch as the ledger holds it.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ServiceBatchInfo")]
public sealed record ServiceBatchInfo(
    [property: Id(0)] Guid EntryId,
    [property: Id(1)] string TeamId,
    [property: Id(2)] RecordServiceBatch Batch,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] bool Withdrawn);
