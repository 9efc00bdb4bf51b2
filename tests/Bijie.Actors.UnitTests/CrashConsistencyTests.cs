using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Bijie.Actors.UnitTests;

/// <summary>A cluster of its own: these tests kill silos.</summary>
public sealed class CrashClusterFixture : ClusterFixture
{
    // Notice a dead silo within seconds, as the clustering tests do, instead of production's patient defaults.
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}

/// <summary>
/// A pairing's two sides stay consistent when the silo running its start dies in the middle: the pairing grain
/// is the one owner of the fact, the ledger entry its one record, and both sides are built from that entry.
/// </summary>
public sealed class CrashConsistencyTests(CrashClusterFixture fixture) : IClassFixture<CrashClusterFixture>
{
    private readonly TestData data = new(fixture.Grains);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_pairing_started_on_a_silo_killed_mid_operation_is_on_both_sides_or_on_neither(bool commitSurvives)
    {
        var enterprise = await data.EnterpriseAsync();
        var village = commitSurvives ? "520524001001" : "520524001002";
        var request = new StartPairing(PairingKind.EnterpriseVillage, null, enterprise, village, null, null, new DateOnly(2023, 9, 1), "staff-007");
        var id = PairingIds.For(request);
        var pairing = fixture.Grains.GetGrain<IPairingGrain>(id);

        // Hold the pairing's ledger append until the silo running it has been killed.
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Store.BeforeCommit = async entry =>
        {
            if (entry.SubjectId == id)
            {
                reached.TrySetResult();
                await release.Task;
                if (!commitSurvives)
                {
                    throw new LedgerUnavailableException("the database connection died with the silo");
                }
            }
        };

        var start = pairing.StartAsync(request, TestData.Office);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var host = await HostOfAsync(id);
        await fixture.Cluster.KillSiloAsync(host);
        release.SetResult();
        fixture.Store.BeforeCommit = null;
        _ = start.ContinueWith(t => t.Exception, TaskScheduler.Default); // the caller gets no answer (it times out)

        // A new silo joins, as an operator (or the orchestrator) would bring one back.
        await fixture.Cluster.StartAdditionalSiloAsync();

        // The retry the caller makes: idempotent if the first attempt committed, a plain start if it did not.
        // (In-memory grain storage lives on silos, so the enterprise's registration may have died too: register it again.)
        var retried = await RetryAsync(async () =>
        {
            await fixture.Grains.GetGrain<IEnterpriseGrain>(enterprise).RegisterAsync(new EnterpriseProfile(enterprise, $"测试企业{enterprise[^6..]}", "农业", "贵州"), TestData.Office);
            return await fixture.Grains.GetGrain<IPairingGrain>(id).StartAsync(request, TestData.Office);
        });
        Assert.Equal(PairingStatus.Active, retried.Status);
        Assert.Equal(1, retried.Version);
        Assert.Single(fixture.Store.Entries(), e => e.Entry.SubjectId == id);

        // Both sides list it exactly once, whichever silo delivered the batch.
        var villageSide = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Locality(village));
        var enterpriseSide = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Enterprise(enterprise));
        await TestData.EventuallyAsync(async () =>
            (await villageSide.GetMembersAsync(Scopes.ActivePairings, null)).Contains(id)
            && (await enterpriseSide.GetMembersAsync(Scopes.ActivePairings, null)).Contains(id), "both sides to list the pairing", 60);
        var board = await enterpriseSide.GetBoardAsync(2023);
        Assert.Equal(1, board.Figures.Single(f => f.Indicator == Indicators.EnterprisePairingVillages).Value);
    }

    private async Task<InProcessSiloHandle> HostOfAsync(string pairingId)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var grainId = fixture.Grains.GetGrain<IPairingGrain>(pairingId).GetGrainId();
        var stats = await management.GetDetailedGrainStatistics();
        var silo = stats.Single(s => s.GrainId == grainId).SiloAddress;
        return fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(silo));
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not DomainException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
