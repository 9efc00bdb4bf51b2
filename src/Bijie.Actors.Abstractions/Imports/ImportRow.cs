namespace Bijie.Actors.Abstractions;

/// <summary>
/// Imports of the office's ledgers (台账): one row of a file is its cells by column header, as text (the web reads the
/// file; numbers and dates arrive written invariantly, <c>1234.5</c>, <c>2024-06-12</c>).
/// </summary>
public sealed record ImportRow(IReadOnlyDictionary<string, string> Cells);
