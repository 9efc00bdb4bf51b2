namespace Bijie.Actors.Abstractions;

/// <summary>
/// A page of standing reports: those with a line in every one of <see cref="Scopes"/> (an organisation's own roll-up
/// and a place's: what it reported there), of one source if <see cref="Source"/> is given (visits record as "visit"). <see cref="Flagged"/> narrows to the reports
/// accepted with warnings (or without); <see cref="FlaggedFirst"/> pages the flagged ones before the others.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportPageQuery")]
public sealed record ReportPageQuery(
    [property: Id(0)] IReadOnlyList<string> Scopes,
    [property: Id(1)] int Year,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit,
    [property: Id(4)] bool NewestFirst,
    [property: Id(5)] string? Source = null,
    [property: Id(6)] bool CountTotal = true,
    [property: Id(7)] bool? Approved = null,
    [property: Id(8)] string? Indicator = null,
    [property: Id(9)] bool? OnBehalf = null,
    [property: Id(10)] long? ThroughPosition = null,
    [property: Id(11)] bool? Flagged = null,
    [property: Id(12)] bool FlaggedFirst = false);
