using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bijie.Actors.Host.Health;

/// <summary>A health check of a store the silo cannot start without.</summary>
public interface IStoreHealthCheck : IHealthCheck;
