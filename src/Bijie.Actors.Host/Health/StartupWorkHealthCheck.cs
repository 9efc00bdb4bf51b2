using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bijie.Actors.Host.Health;

/// <summary>The host's first-start work is done.</summary>
public sealed class StartupWorkHealthCheck(StartupWork work) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(work.IsDone
            ? HealthCheckResult.Healthy("start-up work done")
            : HealthCheckResult.Unhealthy("start-up work not done yet: " + work.Pending));
}
