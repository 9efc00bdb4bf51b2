using System.Text.Json;
using Bijie.Actors.Host.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bijie.Actors.Host.Health;

/// <summary>/health/live answers while the process runs; /health/ready only when every store and the start-up work are ready.</summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddBijieHealthChecks(this WebApplicationBuilder builder)
    {
        var options = BijieHostOptions.Read(builder.Configuration);
        builder.Services.AddSingleton<StartupWork>();
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [Ready])
            .AddCheck<StartupWorkHealthCheck>("startup", tags: [Ready]);
        if (options.GrainStorage == GrainStorageKind.AzureTable)
        {
            AddStore<AzureTablesHealthCheck>(builder.Services, checks, "azure-tables");
        }

        if (options.Mode == HostMode.Cluster)
        {
            AddStore<ClusteringDatabaseHealthCheck>(builder.Services, checks, "postgresql");
        }

        if (options.LedgerStore == LedgerStoreKind.PostgreSQL)
        {
            checks.AddCheck<LedgerHealthCheck>("ledger", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        }

        // Web and silo start side by side, so /health/live answers while the silo waits for its stores.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoreGate>();

        return builder;
    }

    private static void AddStore<T>(IServiceCollection services, IHealthChecksBuilder checks, string name)
        where T : class, IStoreHealthCheck
    {
        services.AddSingleton<T>();
        services.AddSingleton<IStoreHealthCheck>(sp => sp.GetRequiredService<T>());
        checks.AddCheck<T>(name, tags: [Ready], timeout: TimeSpan.FromSeconds(5));
    }

    public static IEndpointRouteBuilder MapBijieHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithName("HealthLive");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .WithName("HealthReady");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
