using Bijie.Actors.Host.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bijie.Actors.Host.Health;

/// <summary>PostgreSQL (cluster membership) answers and holds the clustering queries.</summary>
public sealed class ClusteringDatabaseHealthCheck(IConfiguration configuration) : IStoreHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // WaitAsync: the driver's cancel needs a connection of its own, which a host cut off from PostgreSQL cannot
            // open, so the query would end only after its 30 s; the check's own timeout answers first ("not ready").
            var queries = await CountQueriesAsync(cancellationToken).WaitAsync(cancellationToken);
            return queries > 0
                ? HealthCheckResult.Healthy($"PostgreSQL answers with {queries} clustering queries")
                : HealthCheckResult.Unhealthy("PostgreSQL answers but holds no clustering queries: apply deploy/sql/postgresql");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {e.GetType().Name}: {AzureTablesHealthCheck.FirstLine(e.Message)}");
        }
    }

    private async Task<long> CountQueriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString(ConnectionStringNames.Clustering));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansquery", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }
}
