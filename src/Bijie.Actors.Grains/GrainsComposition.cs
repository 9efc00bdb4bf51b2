using Bijie.Actors.Abstractions.Configuration;
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
        // Each section binds one options class, checked when the silo starts: a bad value stops it with the reason.
        AddOptions<RollupOptions>(services, configuration, RollupOptions.Section);
        AddOptions<LiveOptions>(services, configuration, LiveOptions.Section);
        AddOptions<Matters.MatterOptions>(services, configuration, Matters.MatterOptions.Section);
        AddOptions<Webhooks.WebhookOptions>(services, configuration, Webhooks.WebhookOptions.Section);
        AddOptions<Supervision.SupervisionOptions>(services, configuration, Supervision.SupervisionOptions.Section);
        AddOptions<Periods.ReportingOptions>(services, configuration, Periods.ReportingOptions.Section);
        AddOptions<Divisions.DivisionOptions>(services, configuration, Divisions.DivisionOptions.Section);
        AddOptions<Needs.NeedOptions>(services, configuration, Needs.NeedOptions.Section);
        AddOptions<Validation.ValidationOptions>(services, configuration, Validation.ValidationOptions.Section);
        AddOptions<Approvals.ApprovalOptions>(services, configuration, Approvals.ApprovalOptions.Section);

        services.AddSingleton<IOutgoingGrainCallFilter, GrainKeyLimit>();
        services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypes>()); // first: it answers for every interface
        services.AddSingleton<Abstractions.ILedgerImports, Imports.LedgerImports>();
        services.AddSingleton<Abstractions.ILedgerExports, Imports.LedgerExports>();
        services.AddSingleton<Boards.RankingCache>();
        services.AddSingleton<Abstractions.IReportReader, Reports.ReportReader>();
        services.AddSingleton<Abstractions.IDisplayNames, Names.DisplayNames>();
        services.AddSingleton<Validation.ValidationRulesCache>();
        services.AddSingleton<Validation.PeerSpreads>();
        services.AddSingleton<Abstractions.IListings, Listings.Listings>();
        services.AddSingleton<Abstractions.IBoardReader, Boards.BoardReader>();
        services.AddSingleton<Webhooks.WebhookDestinations>();
        services.TryAddSingleton<Ledger.IWebhookOutbox, Ledger.InMemoryWebhookOutbox>();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddSingleton<Live.LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<Live.LiveFeed>());
        services.AddSingleton<RollupDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RollupDispatcher>());

        // What the ledger writer commits goes to the ticker first (a screen's staleness), then the webhooks, then the roll-ups.
        services.AddSingleton<Commits.ICommitSubscriber>(sp => sp.GetRequiredService<Live.LiveFeed>());
        services.AddSingleton<Commits.ICommitSubscriber>(sp => sp.GetRequiredService<Webhooks.WebhookDispatcher>());
        services.AddSingleton<Commits.ICommitSubscriber>(sp => sp.GetRequiredService<RollupDispatcher>());
        services.AddHostedService<Commits.CommitFeed>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<Divisions.DivisionOptions>>().Value.File is { Length: > 0 } file
            ? Divisions.DivisionCatalog.FromFile(file)
            : Divisions.DivisionCatalog.Bijie);
        return services;
    }

    private static void AddOptions<T>(IServiceCollection services, IConfiguration? configuration, string section)
        where T : class
    {
        var options = services.AddOptions<T>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(section));
        }

        options.ValidateDataAnnotations().ValidateOnStart();
    }
}
