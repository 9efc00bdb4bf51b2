namespace Bijie.Actors.Abstractions;

/// <summary>A bad row of an import: the row as a spreadsheet numbers it, the column, and why.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ImportError")]
public sealed record ImportError([property: Id(0)] int Row, [property: Id(1)] string? Field, [property: Id(2)] string Message);
