namespace Bijie.Actors.Abstractions;

/// <summary>A page of reports and, when asked for, how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportPage")]
public sealed record ReportPage([property: Id(0)] IReadOnlyList<ReportView> Items, [property: Id(1)] int? Total);
