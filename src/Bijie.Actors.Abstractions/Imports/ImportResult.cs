namespace Bijie.Actors.Abstractions;

/// <summary>What an import found and did.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ImportResult")]
public sealed record ImportResult(
    [property: Id(0)] string Kind, [property: Id(1)] bool DryRun, [property: Id(2)] int Rows, [property: Id(3)] int ValidRows, [property: Id(4)] int Applied,
    [property: Id(5)] IReadOnlyList<ImportError> Errors,
    [property: Id(6)] int Creates = 0, [property: Id(7)] int Updates = 0, [property: Id(8)] IReadOnlyList<ImportChange>? Changes = null);
