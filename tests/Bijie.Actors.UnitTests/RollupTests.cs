using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class RollupTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    [Fact]
    public async Task Every_total_equals_the_ledger_sums_after_random_reports_and_the_city_takes_few_calls()
    {
        // Subjects spread over counties, townships and villages, domains and helpers.
        var villages = new[] { "520502001001", "520521001001", "520527004002", "520527004003", "520581001001" };
        var pairings = new List<string>();
        foreach (var village in villages)
        {
            pairings.Add((await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), village)).Id);
        }

        var projects = new List<string>();
        foreach (var (locality, track) in new[] { ("520521", Track.Health), ("520527004", Track.Education), ("5205", Track.Technology) })
        {
            projects.Add((await data.ProjectInProgressAsync(await data.HelperAsync(HelperKind.PartyCentralCommittee), locality, track)).Id);
        }

        var city = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Locality("5205"));
        var callsBefore = (await city.GetStatsAsync()).ApplyCalls;
        var random = new Random(20231);
        var reportable = Indicators.All.Where(i => i.Reportable).ToArray();
        const int reports = 600;
        await Parallel.ForEachAsync(Enumerable.Range(0, reports), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            int pick;
            lock (random)
            {
                pick = random.Next();
            }

            var onPairing = pick % 3 != 0;
            var indicator = reportable[pick % reportable.Length];
            var value = indicator.Integral ? (pick % 500) + 1 : ((pick % 10_000_000) + 1) / 100m;
            var date = new DateOnly(2023, 2 + (pick % 11), 1 + (pick % 28));
            var report = new ReportSubmission(
                onPairing ? pairings[pick % pairings.Count] : null, onPairing ? null : projects[pick % projects.Count],
                date, new Dictionary<string, decimal> { [indicator.Code] = value }, $"rand-{i}-{Guid.NewGuid():N}");
            await fixture.SiloGrains(i % 2).GetGrain<IReportIntakeGrain>(0).SubmitAsync(report, TestData.Office);
        });

        // Every scope any line counts in: compare each board figure with the ledger's own sums.
        await TestData.EventuallyAsync(async () => await MismatchesAsync() == 0, "every roll-up to equal the ledger", 30);
        var calls = (await city.GetStatsAsync()).ApplyCalls - callsBefore;
        Assert.True(calls < reports / 3, $"the city's roll-up took {calls} calls for {reports} reports; pre-aggregation should keep it far lower");
    }

    [Fact]
    public async Task A_roll_up_of_few_lines_rebuilds_from_the_ledger_and_one_of_many_snapshots_beside_it_and_each_counts_every_line_once()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520525001001");
        var scope = Scopes.Enterprise(enterprise); // this test's alone
        var year = ProgrammeClock.Today(TimeProvider.System).Year;
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        async Task ReportAsync(decimal clinics) => await intake.SubmitAsync(new ReportSubmission(pairing.Id, null, ProgrammeClock.Today(TimeProvider.System),
            new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = clinics }, $"k-{Guid.NewGuid():N}"), TestData.Office);
        async Task<decimal> ClinicsAsync() =>
            (await fixture.Grains.GetGrain<IScopeGrain>(scope).GetBoardAsync(year)).Figures.Single(f => f.Indicator == Indicators.ClinicPersonTimes).Value;
        Task<ScopeStats> StatsAsync() => fixture.Grains.GetGrain<IScopeGrain>(scope).GetStatsAsync();

        await ReportAsync(7);
        await TestData.EventuallyAsync(async () => await ClinicsAsync() == 7, "the first report on the enterprise's board");
        var before = await StatsAsync();
        var few = before.LinesSinceSnapshot;
        Assert.InRange(few, 1, ClusterFixture.SnapshotMinLines - 1);

        // Deactivated with fewer lines than a snapshot is worth: none is written, and the next activation reads
        // those lines from the ledger, each once.
        await management.ForceActivationCollection(TimeSpan.Zero);
        await TestData.EventuallyAsync(async () => (await StatsAsync()).ActivatedAt != before.ActivatedAt, "the roll-up activated again");
        Assert.False(fixture.Store.Snapshots.ContainsKey(scope), "a roll-up of a few lines wrote a snapshot");
        Assert.Equal(few, (await StatsAsync()).LinesSinceSnapshot);
        Assert.Equal(7, await ClinicsAsync());

        // Enough lines for a snapshot: it is written on the way out, with the totals.
        for (var i = 0; i < ClusterFixture.SnapshotMinLines; i++)
        {
            await ReportAsync(1);
        }

        var many = 7 + ClusterFixture.SnapshotMinLines;
        await TestData.EventuallyAsync(async () => await ClinicsAsync() == many, "every report on the enterprise's board");
        Assert.True((await StatsAsync()).LinesSinceSnapshot >= ClusterFixture.SnapshotMinLines);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await TestData.EventuallyAsync(() => Task.FromResult(fixture.Store.Snapshots.ContainsKey(scope)), "the snapshot beside the ledger");
        var saved = Bijie.Actors.Grains.Rollups.ScopeSnapshot.Unpack(fixture.Store.Snapshots[scope].State);
        Assert.Equal(many, saved.Sums.Where(r => r.Indicator == Indicators.ClinicPersonTimes && r.Year == year).Sum(r => r.Value));

        // Activated again from the snapshot plus the ledger after it: the earlier reports once, the next one too.
        await ReportAsync(5);
        await TestData.EventuallyAsync(async () => await ClinicsAsync() == many + 5, "every report, each once");
        Assert.Equal(many + 5, await ClinicsAsync());
        Assert.Equal(1, (await StatsAsync()).LinesSinceSnapshot);
    }

    private async Task<int> MismatchesAsync()
    {
        var ledger = await new InMemoryLedger(fixture.Store).SumAllAsync();
        var mismatches = 0;
        foreach (var group in ledger.GroupBy(x => (x.Key.Scope, x.Key.Year)))
        {
            var board = await fixture.Grains.GetGrain<IScopeGrain>(group.Key.Scope).GetBoardAsync(group.Key.Year);
            mismatches += group.Count(x => Indicators.Find(x.Key.Indicator) is not null // derived lines (reviewed:…) are not figures of their own
                && board.Figures.Single(f => f.Indicator == x.Key.Indicator).Value != x.Value);
        }

        return mismatches;
    }
}
