using Bijie.Actors.Abstractions;
using Bijie.Actors.Host.Health;
using Bijie.Actors.Host.Hosting;

namespace Bijie.Actors.Host;

/// <summary>
/// Work a host does once its silo runs: records its start with the programme grain (which proves the grain
/// store answers). Later first-start work (demo data, the admin key) joins here. Retries until it succeeds,
/// so a store that comes up late delays readiness instead of failing the host.
/// </summary>
public sealed class HostStartWork(
    IGrainFactory grains,
    SiloActiveSignal silo,
    BijieHostOptions options,
    StartupWork work,
    TimeProvider time,
    ILogger<HostStartWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        work.Report("waiting for the silo to become active");
        await silo.WhenActive.WaitAsync(stoppingToken);
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                work.Report("recording the host's start with the programme");
                var info = await grains.GetGrain<IProgrammeGrain>(ProgrammeKeys.Bijie)
                    .RecordHostStartAsync(new HostStart(options.EffectiveSiloName, time.GetUtcNow()));
                logger.LogInformation("Host {SiloName} started; the store has seen {HostStarts} host starts since {FirstStartedAt}",
                    options.EffectiveSiloName, info.HostStarts, info.FirstStartedAt);
                work.Complete();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                work.Report($"recording the host's start failed ({e.GetType().Name}: {e.Message.Split('\n')[0]}); retrying");
                logger.LogWarning(e, "Start-up work failed; retrying in {Delay}", delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
