namespace Bijie.Actors.Abstractions;

/// <summary>A page of reports with their review and, when asked for, how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReviewPage")]
public sealed record ReviewPage([property: Id(0)] IReadOnlyList<ReviewItem> Items, [property: Id(1)] int? Total);
