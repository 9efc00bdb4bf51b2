namespace Bijie.Actors.Abstractions;

/// <summary>A ledger (台账) as rows under its Chinese column headers, in column order, and the name its file takes.</summary>
public sealed record LedgerSheet(string Name, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);
