namespace Bijie.Actors.Abstractions;

/// <summary>How much traffic a roll-up grain has taken since it activated: to show no grain carries every write.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ScopeStats")]
public sealed record ScopeStats(
    [property: Id(0)] long ApplyCalls,
    [property: Id(1)] long BatchesApplied,
    [property: Id(2)] long BatchesIgnored,
    [property: Id(3)] long Head,
    [property: Id(4)] int LinesSinceSnapshot,
    [property: Id(5)] DateTimeOffset ActivatedAt);
