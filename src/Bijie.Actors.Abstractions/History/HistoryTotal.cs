namespace Bijie.Actors.Abstractions;

/// <summary>A dated total of the programme's history: a measure's value from 1988 through a year.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.HistoryTotal")]
public sealed record HistoryTotal(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Unit,
    [property: Id(4)] decimal Value,
    [property: Id(5)] int ThroughYear);
