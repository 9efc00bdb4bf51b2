using Azure.Data.Tables;
using Bijie.Actors.Host.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bijie.Actors.Host.Health;

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
