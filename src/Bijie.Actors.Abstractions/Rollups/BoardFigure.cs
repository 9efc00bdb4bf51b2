namespace Bijie.Actors.Abstractions;

/// <summary>One indicator's figure on a board.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.BoardFigure")]
public sealed record BoardFigure(
    [property: Id(0)] string Indicator,
    [property: Id(1)] decimal Value,
    [property: Id(2)] decimal? PreviousValue,
    [property: Id(3)] decimal? YoyPercent);
