using Bijie.Actors.Grains;
using Orleans.TestingHost;

namespace Bijie.Actors.UnitTests;

/// <summary>Two silos in one process with in-memory grain storage, shared by every test in the collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; }

    public ClusterFixture()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(StorageNames.Default));
        Cluster = builder.Build();
    }

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
