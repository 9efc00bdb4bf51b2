namespace Bijie.Actors.Abstractions;

/// <summary>What one silo's live feed sends every web host per flush: the scopes that changed and the reports committed.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LiveUpdate")]
public sealed record LiveUpdate(
    [property: Id(0)] IReadOnlyList<ScopeChange> Changes,
    [property: Id(1)] IReadOnlyList<TickerItem> Reports);
