using Orleans.Concurrency;

namespace Bijie.Actors.Abstractions;

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
