using Orleans.Concurrency;

namespace Bijie.Actors.Abstractions;

/// <summary>One per web host: takes every silo's live updates and pushes them to the browsers that watch them.</summary>
[Alias("Bijie.Actors.IBoardObserver")]
public interface IBoardObserver : IGrainObserver
{
    [OneWay, Alias("OnLive")]
    Task OnLiveAsync(LiveUpdate update);
}
