using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bijie.Actors.Host.Health;

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
            // WaitAsync: as in ClusteringDatabaseHealthCheck, a cut-off host's readiness answers within the check's timeout.
            var head = await ReadHeadAsync(cancellationToken).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"ledger schema {ledger.SchemaVersion}, head at {head}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the ledger's PostgreSQL does not answer: {e.GetType().Name}: {AzureTablesHealthCheck.FirstLine(e.Message)}");
        }
    }

    private async Task<long> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT position FROM ledger_head WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
