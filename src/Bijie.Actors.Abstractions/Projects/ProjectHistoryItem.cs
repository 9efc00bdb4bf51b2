namespace Bijie.Actors.Abstractions;

/// <summary>One status change of a project's history (from the ledger): who, when, from, to.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectHistoryItem")]
public sealed record ProjectHistoryItem(
    [property: Id(0)] int Version,
    [property: Id(1)] ProjectStatus Status,
    [property: Id(2)] DateOnly On,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Reason);
