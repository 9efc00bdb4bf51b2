using Bijie.Actors.Grains.Rollups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains;

/// <summary>What the grains need from a silo's container, besides an <see cref="Ledger.ILedger"/> and grain storage.</summary>
public static class GrainsComposition
{
    public static IServiceCollection AddBijieGrains(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var rollups = services.AddOptions<RollupOptions>();
        var live = services.AddOptions<Live.LiveOptions>();
        var matters = services.AddOptions<Matters.MatterOptions>();
        var webhooks = services.AddOptions<Webhooks.WebhookOptions>();
        var supervision = services.AddOptions<Supervision.SupervisionOptions>();
        var reporting = services.AddOptions<Periods.ReportingOptions>();
        var divisions = services.AddOptions<Localities.DivisionOptions>();
        var needs = services.AddOptions<Needs.NeedOptions>();
        if (configuration is not null)
        {
            rollups.Bind(configuration.GetSection(RollupOptions.Section));
            live.Bind(configuration.GetSection(Live.LiveOptions.Section));
            matters.Bind(configuration.GetSection(Matters.MatterOptions.Section));
            webhooks.Bind(configuration.GetSection(Webhooks.WebhookOptions.Section));
            supervision.Bind(configuration.GetSection(Supervision.SupervisionOptions.Section));
            reporting.Bind(configuration.GetSection(Periods.ReportingOptions.Section));
            divisions.Bind(configuration.GetSection(Localities.DivisionOptions.Section));
            needs.Bind(configuration.GetSection(Needs.NeedOptions.Section));
        }

        services.AddSingleton<IOutgoingGrainCallFilter, GrainKeyLimit>();
        services.AddSingleton<Demo.DemoLoader>();
        services.AddSingleton<RollupDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RollupDispatcher>());
        services.AddSingleton<Webhooks.WebhookDestinations>();
        services.TryAddSingleton<Ledger.IWebhookOutbox, Ledger.InMemoryWebhookOutbox>();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddSingleton<Live.LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<Live.LiveFeed>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<Localities.DivisionOptions>>().Value.File is { Length: > 0 } file
            ? Localities.DivisionCatalog.FromFile(file)
            : Localities.DivisionCatalog.Bijie);
        return services;
    }
}
