using Bijie.Actors.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Bijie.Actors.Grains.Live;

/// <summary>
/// The web hosts' observers, as in the GPSTracker sample's hub list: each host renews its subscription every few
/// seconds, so a host that died drops out after <see cref="Abstractions.Configuration.LiveOptions.ObserverExpiry"/> and a directory that moved
/// to another silo (its silo died) is whole again within one renewal.
/// </summary>
public sealed class LiveDirectoryGrain : Grain, ILiveDirectoryGrain
{
    private readonly ObserverManager<IBoardObserver> observers;

    public LiveDirectoryGrain(Microsoft.Extensions.Options.IOptions<Abstractions.Configuration.LiveOptions> options, ILogger<LiveDirectoryGrain> logger) =>
        observers = new ObserverManager<IBoardObserver>(options.Value.ObserverExpiry, logger);

    public Task SubscribeAsync(IBoardObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IBoardObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IBoardObserver>> GetObserversAsync()
    {
        observers.ClearExpired();
        return Task.FromResult<IReadOnlyList<IBoardObserver>>(observers.ToArray());
    }
}
