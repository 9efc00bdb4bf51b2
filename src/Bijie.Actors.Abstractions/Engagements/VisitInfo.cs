namespace Bijie.Actors.Abstractions;

/// <summary>A research visit as it stands; <see cref="WithdrawnAt"/> once taken back (its figures reversed).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.VisitInfo")]
public sealed record VisitInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] RecordVisit Visit,
    [property: Id(2)] Guid EntryId,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] DateTimeOffset? WithdrawnAt = null,
    [property: Id(6)] string? WithdrawnReason = null);
