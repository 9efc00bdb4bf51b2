namespace Bijie.Actors.Host.Hosting;

/// <summary>Completes when the local silo reaches the Active stage, so web-side work can wait for it.</summary>
public sealed class SiloActiveSignal : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource active = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenActive => active.Task;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloActiveSignal), ServiceLifecycleStage.Active, _ =>
        {
            active.TrySetResult();
            return Task.CompletedTask;
        });
}
