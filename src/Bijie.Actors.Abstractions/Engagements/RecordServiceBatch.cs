namespace Bijie.Actors.Abstractions;

/// <summary>A service batch of an expert team: where it served, when, and the person-times it counts.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RecordServiceBatch")]
public sealed record RecordServiceBatch(
    [property: Id(0)] string Batch,
    [property: Id(1)] IReadOnlyList<string> Places,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] int PersonTimes,
    [property: Id(5)] string? Note);
