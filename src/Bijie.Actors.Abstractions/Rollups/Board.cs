namespace Bijie.Actors.Abstractions;

/// <summary>
/// A scope's figures for a year: live, or as the ledger stood at <see cref="Position"/> (for the end of
/// <see cref="AsOf"/> when a day was asked).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Board")]
public sealed record Board(
    [property: Id(0)] string Scope,
    [property: Id(1)] int Year,
    [property: Id(2)] IReadOnlyList<BoardFigure> Figures,
    [property: Id(3)] IReadOnlyDictionary<string, IReadOnlyList<decimal>> Months,
    [property: Id(4)] IReadOnlyDictionary<string, int>? Funnel = null,
    [property: Id(5)] IReadOnlyDictionary<string, decimal>? Reviewed = null,
    [property: Id(6)] long? Position = null,
    [property: Id(7)] DateOnly? AsOf = null,
    [property: Id(8)] string? AsReportedBy = null,
    [property: Id(9)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Approved = null);
