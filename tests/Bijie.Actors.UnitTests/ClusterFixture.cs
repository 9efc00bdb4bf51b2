using Bijie.Actors.Grains;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// Two silos in one process with in-memory grain storage and one in-memory ledger shared by both (as one
/// database would be), shared by every test in the collection; each test uses fresh keys.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddBijieGrains();
            silo.Services.Configure<Grains.Matters.MatterOptions>(o => o.EscalationInterval = TimeSpan.FromSeconds(1));
            silo.Services.Configure<RollupOptions>(o =>
            {
                o.FlushInterval = TimeSpan.FromMilliseconds(20);
                o.RecoveryInterval = TimeSpan.FromMilliseconds(200);
                o.RecoveryAge = TimeSpan.FromSeconds(1);
                o.SnapshotMinLines = SnapshotMinLines;
            });
            silo.Services.Configure<Abstractions.Configuration.LiveOptions>(o => o.DirectoryRefresh = TimeSpan.FromMilliseconds(200));
            silo.Services.Configure<Grains.Validation.ValidationOptions>(o =>
            {
                o.PeerRefresh = TimeSpan.FromMilliseconds(200);
                o.RulesHeldFor = TimeSpan.Zero; // two silos: a rule a test saves applies on both at once (the hosts' tests keep a copy)
            });
            silo.Services.AddSingleton<ILedger>(_ => new InMemoryLedger(Store));
            ConfigureSilo(silo);
        });
        Cluster = builder.Build();
    }

    /// <summary>Lines a roll-up counts before it snapshots, kept low here so that a test reaches it.</summary>
    public const int SnapshotMinLines = 20;

    public InMemoryLedgerStore Store { get; } = new();

    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The grain factory inside a silo: a stateless worker called through it runs on that silo.</summary>
    public IGrainFactory SiloGrains(int index) =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[index].SiloAddress).GetRequiredService<IGrainFactory>();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
