namespace Bijie.Actors.Abstractions;

/// <summary>A report with its review: <see cref="Status"/> is pending, approved or returned.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReviewItem")]
public sealed record ReviewItem(
    [property: Id(0)] ReportView Report,
    [property: Id(1)] string Status,
    [property: Id(2)] string? ReviewedBy,
    [property: Id(3)] DateTimeOffset? ReviewedAt,
    [property: Id(4)] string? Reason = null);
