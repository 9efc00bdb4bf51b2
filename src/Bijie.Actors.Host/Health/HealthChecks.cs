using Azure.Data.Tables;
using Bijie.Actors.Host.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bijie.Actors.Host.Health;

/// <summary>The silo has joined its cluster and is active.</summary>
public sealed class SiloActiveHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.Name} is active")
            : HealthCheckResult.Unhealthy($"silo {silo.Name} is {status}, not active"));
    }
}

/// <summary>Azure Table storage (grain state) answers.</summary>
public sealed class AzureTablesHealthCheck(IConfiguration configuration) : IStoreHealthCheck
{
    // A probe of its own: one try, a short timeout, so a check says "down" quickly instead of retrying.
    private readonly TableServiceClient tables = new(
        configuration.GetConnectionString(ConnectionStringNames.AzureTables),
        new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(3) } });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HealthCheckResult.Healthy($"Azure Table storage answers at {tables.Uri}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Azure Table storage at {tables.Uri} does not answer: {e.GetType().Name}: {FirstLine(e.Message)}");
        }
    }

    internal static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>PostgreSQL (cluster membership) answers and holds the clustering queries.</summary>
public sealed class ClusteringDatabaseHealthCheck(IConfiguration configuration) : IStoreHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString(ConnectionStringNames.Clustering));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansquery", connection);
            var queries = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
            return queries > 0
                ? HealthCheckResult.Healthy($"PostgreSQL answers with {queries} clustering queries")
                : HealthCheckResult.Unhealthy("PostgreSQL answers but holds no clustering queries: apply deploy/sql/postgresql");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {e.GetType().Name}: {AzureTablesHealthCheck.FirstLine(e.Message)}");
        }
    }
}

/// <summary>The host's first-start work is done.</summary>
public sealed class StartupWorkHealthCheck(StartupWork work) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(work.IsDone
            ? HealthCheckResult.Healthy("start-up work done")
            : HealthCheckResult.Unhealthy("start-up work not done yet: " + work.Pending));
}

/// <summary>The ledger is migrated, its committer runs, and PostgreSQL answers.</summary>
public sealed class LedgerHealthCheck(Bijie.Actors.Ledger.PostgresLedger ledger, NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!ledger.IsReady)
        {
            return HealthCheckResult.Unhealthy("the ledger's schema is not migrated yet (PostgreSQL unreachable?)");
        }

        try
        {
            await using var command = db.CreateCommand("SELECT position FROM ledger_head WHERE id = 1");
            var head = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return HealthCheckResult.Healthy($"ledger schema {ledger.SchemaVersion}, head at {head}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the ledger's PostgreSQL does not answer: {e.GetType().Name}: {AzureTablesHealthCheck.FirstLine(e.Message)}");
        }
    }
}
