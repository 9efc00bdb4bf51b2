using Orleans.Concurrency;

namespace Bijie.Actors.Abstractions;

/// <summary>A roll-up scope whose figures changed for the years <see cref="FromYear"/>..<see cref="ToYear"/> (null: every later year).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ScopeChange")]
public sealed record ScopeChange(
    [property: Id(0)] string Scope,
    [property: Id(1)] int FromYear,
    [property: Id(2)] int? ToYear);

/// <summary>A committed report (or reversal) as the boards' ticker shows it, with the names it needs.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.TickerItem")]
public sealed record TickerItem(
    [property: Id(0)] Guid ReportId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string SubjectId,
    [property: Id(4)] string LocalityCode,
    [property: Id(5)] string LocalityName,
    [property: Id(6)] string ReporterName,
    [property: Id(7)] IReadOnlyDictionary<string, decimal> Values,
    [property: Id(8)] bool Reversal,
    [property: Id(9)] IReadOnlyList<string> Scopes);

/// <summary>What one silo's live feed sends every web host per flush: the scopes that changed and the reports committed.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LiveUpdate")]
public sealed record LiveUpdate(
    [property: Id(0)] IReadOnlyList<ScopeChange> Changes,
    [property: Id(1)] IReadOnlyList<TickerItem> Reports);

/// <summary>One per web host: takes every silo's live updates and pushes them to the browsers that watch them.</summary>
[Alias("Bijie.Actors.IBoardObserver")]
public interface IBoardObserver : IGrainObserver
{
    [OneWay, Alias("OnLive")]
    Task OnLiveAsync(LiveUpdate update);
}

/// <summary>The list of web hosts' observers (one grain, key 0): hosts renew their subscription, silos' feeds read it.</summary>
[Alias("Bijie.Actors.ILiveDirectoryGrain")]
public interface ILiveDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or renews an observer; one that stops renewing drops out after the directory's expiry.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IBoardObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IBoardObserver observer);

    [Alias("GetObservers"), AlwaysInterleave]
    Task<IReadOnlyList<IBoardObserver>> GetObserversAsync();
}
