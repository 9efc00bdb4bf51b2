namespace Bijie.Actors.Abstractions;

/// <summary>A committed report (or reversal) as the boards' ticker shows it, with the names it needs.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.TickerItem")]
public sealed record TickerItem(
    [property: Id(0)] Guid ReportId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string SubjectId,
    [property: Id(4)] string LocalityCode,
    [property: Id(5)] string LocalityName,
    [property: Id(6)] string ReporterName,
    [property: Id(7)] IReadOnlyDictionary<string, decimal> Values,
    [property: Id(8)] bool Reversal,
    [property: Id(9)] IReadOnlyList<string> Scopes);
