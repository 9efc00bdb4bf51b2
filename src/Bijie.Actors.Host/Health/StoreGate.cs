using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bijie.Actors.Host.Health;

/// <summary>
/// Holds the silo's start until every store it needs answers. Orleans' storage and membership providers fail
/// the silo when their store is down at start; waiting here instead keeps the process alive, with the web
/// front end up and /health/ready saying which store it waits for.
/// </summary>
public sealed class StoreGate(IEnumerable<IStoreHealthCheck> stores, ILogger<StoreGate> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StoreGate), ServiceLifecycleStage.First, WaitForStoresAsync);

    private async Task WaitForStoresAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            var waiting = new List<string>();
            foreach (var store in stores)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    var result = await store.CheckHealthAsync(new HealthCheckContext(), timeout.Token);
                    if (result.Status != HealthStatus.Healthy)
                    {
                        waiting.Add(result.Description ?? store.GetType().Name);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    waiting.Add($"{store.GetType().Name}: no answer within 5 s");
                }
            }

            if (waiting.Count == 0)
            {
                return;
            }

            if (attempt == 1 || attempt % 10 == 0)
            {
                logger.LogWarning("The silo waits for its stores: {Waiting}", string.Join("; ", waiting));
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(3).Ticks));
        }
    }
}
