using System.Collections.Concurrent;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class LiveTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    /// <summary>A web host's observer, as the host's bridge registers it: it records what every silo sends.</summary>
    private sealed class RecordingObserver : IBoardObserver
    {
        public ConcurrentQueue<LiveUpdate> Updates { get; } = new();

        public Task OnLiveAsync(LiveUpdate update)
        {
            Updates.Enqueue(update);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_report_committed_on_either_silo_reaches_a_subscribed_web_host_as_scope_changes_and_a_named_ticker_line()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Grains.CreateObjectReference<IBoardObserver>(observer);
        var directory = fixture.Grains.GetGrain<ILiveDirectoryGrain>(0);
        await directory.SubscribeAsync(reference);
        try
        {
            var enterprise = await data.EnterpriseAsync();
            var pairing = await data.EnterpriseVillageAsync(enterprise, "520527004002"); // 金山社区

            // A silo re-reads the list of web hosts now and then, and learns where an external client is connected:
            // until both have, an update may pass this one by. Wait until a report of each silo has come through.
            var reached = new bool[2];
            await TestData.EventuallyAsync(async () =>
            {
                foreach (var silo in new[] { 0, 1 }.Where(s => !reached[s]))
                {
                    var probe = await fixture.SiloGrains(silo).GetGrain<IReportIntakeGrain>(0).SubmitAsync(
                        new ReportSubmission(pairing.Id, null, new DateOnly(2022, 5, 1), new Dictionary<string, decimal> { [Indicators.InvestmentVisits] = 1 }, $"w-{Guid.NewGuid():N}"),
                        TestData.Office);
                    var deadline = DateTime.UtcNow.AddMilliseconds(500);
                    while (!reached[silo] && DateTime.UtcNow < deadline)
                    {
                        reached[silo] = observer.Updates.SelectMany(u => u.Reports).Any(r => r.ReportId == probe.ReportId);
                        await Task.Delay(25);
                    }
                }

                return reached.All(r => r);
            }, "both silos to reach this observer");
            var receipts = new List<Guid>();
            for (var silo = 0; silo < 2; silo++)
            {
                var receipt = await fixture.SiloGrains(silo).GetGrain<IReportIntakeGrain>(0).SubmitAsync(
                    new ReportSubmission(pairing.Id, null, new DateOnly(2023, 10, 8), new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = 7 + silo }, $"k-{Guid.NewGuid():N}"),
                    TestData.Office);
                receipts.Add(receipt.ReportId);
            }

            bool Arrived(int silo) => observer.Updates.SelectMany(u => u.Reports).Any(r => r.ReportId == receipts[silo]);
            await TestData.EventuallyAsync(() => Task.FromResult(Arrived(0) && Arrived(1)),
                () => $"both reports to reach the observer (silo 0's {(Arrived(0) ? "did" : "did not")}, silo 1's {(Arrived(1) ? "did" : "did not")}; {observer.Updates.Count} updates came)");
            var line = observer.Updates.SelectMany(u => u.Reports).First(r => r.ReportId == receipts[0]);
            Assert.Equal("金山社区", line.LocalityName);
            Assert.Equal("520527004002", line.LocalityCode);
            Assert.StartsWith("测试企业", line.ReporterName);
            Assert.Equal(7m, line.Values[Indicators.ClinicPersonTimes]);
            Assert.Contains(Scopes.Locality("5205"), line.Scopes);

            // Every scope the reports count in is announced as changed for 2023, the city's among them.
            foreach (var scope in new[] { Scopes.Locality("5205"), Scopes.Locality("520527"), Scopes.Locality("520527004002"), Scopes.Subject(pairing.Id), Scopes.Enterprise(enterprise) })
            {
                await TestData.EventuallyAsync(() => Task.FromResult(observer.Updates.SelectMany(u => u.Changes)
                    .Any(c => c.Scope == scope && c.FromYear <= 2023 && (c.ToYear is null || c.ToYear >= 2023))), $"a change of {scope}");
            }
        }
        finally
        {
            await directory.UnsubscribeAsync(reference);
            fixture.Grains.DeleteObjectReference<IBoardObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    [Fact]
    public async Task An_unsubscribed_observer_is_gone_from_the_directory_at_once()
    {
        var directory = fixture.Grains.GetGrain<ILiveDirectoryGrain>(0);
        var observer = new RecordingObserver(); // held: a client's observer references are weak
        var reference = fixture.Grains.CreateObjectReference<IBoardObserver>(observer);
        await directory.SubscribeAsync(reference);
        Assert.Contains(reference, await directory.GetObserversAsync());
        await directory.UnsubscribeAsync(reference);
        Assert.DoesNotContain(reference, await directory.GetObserversAsync());
        fixture.Grains.DeleteObjectReference<IBoardObserver>(reference);
        GC.KeepAlive(observer);
    }

    [Fact]
    public async Task The_funnel_counts_the_stages_a_live_project_reached_and_forgets_a_cancelled_one()
    {
        var lead = await data.HelperAsync();
        const string village = "520521001001";
        var scope = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Locality(village));
        var before = (await scope.GetBoardAsync(2023)).Funnel!;
        var running = await data.ProjectInProgressAsync(lead, village); // in library, planned and started in 2023
        var cancelled = fixture.Grains.GetGrain<IProjectGrain>($"prj-{Guid.NewGuid():N}");
        await cancelled.ProposeAsync(new ProposeProject("取消的项目", Track.Health, village, lead, [], "staff-003", new ProjectMoney(0, 0, 0), [], new DateOnly(2023, 2, 1)), TestData.Office);
        await cancelled.TransitionAsync(new ProjectTransition(ProjectStatus.InLibrary, new DateOnly(2023, 2, 2)), TestData.Office);
        await TestData.EventuallyAsync(async () => (await scope.GetBoardAsync(2023)).Funnel![nameof(ProjectStatus.InLibrary)] == before[nameof(ProjectStatus.InLibrary)] + 2,
            "both projects in the library");

        await cancelled.TransitionAsync(new ProjectTransition(ProjectStatus.Cancelled, new DateOnly(2023, 3, 1), null, "不再需要"), TestData.Office);
        await TestData.EventuallyAsync(async () => (await scope.GetBoardAsync(2023)).Funnel![nameof(ProjectStatus.InLibrary)] == before[nameof(ProjectStatus.InLibrary)] + 1,
            "the cancelled project to leave the funnel");
        var funnel = (await scope.GetBoardAsync(2023)).Funnel!;
        Assert.Equal(before[nameof(ProjectStatus.Planned)] + 1, funnel[nameof(ProjectStatus.Planned)]);
        Assert.Equal(before[nameof(ProjectStatus.InProgress)] + 1, funnel[nameof(ProjectStatus.InProgress)]);
        Assert.Equal(before[nameof(ProjectStatus.Completed)], funnel[nameof(ProjectStatus.Completed)]);
        Assert.Equal(before[nameof(ProjectStatus.InLibrary)], (await scope.GetBoardAsync(2022)).Funnel![nameof(ProjectStatus.InLibrary)]); // not yet in 2022

        var grain = fixture.Grains.GetGrain<IProjectGrain>(running.Id);
        await grain.TransitionAsync(new ProjectTransition(ProjectStatus.Completed, new DateOnly(2023, 11, 1)), TestData.Office);
        await grain.TransitionAsync(new ProjectTransition(ProjectStatus.Accepted, new DateOnly(2024, 1, 5)), TestData.Office);
        await TestData.EventuallyAsync(async () => (await scope.GetBoardAsync(2024)).Funnel![nameof(ProjectStatus.Accepted)] == before[nameof(ProjectStatus.Accepted)] + 1,
            "the accepted project in 2024's funnel");
        Assert.Equal(before[nameof(ProjectStatus.Accepted)], (await scope.GetBoardAsync(2023)).Funnel![nameof(ProjectStatus.Accepted)]);
        Assert.Equal(new DateOnly(2024, 1, 5), (await grain.GetAsync()).AcceptedOn);
    }

    [Fact]
    public async Task The_responsible_person_can_be_reassigned_to_someone_of_the_staff_directory_only()
    {
        var lead = await data.HelperAsync();
        var project = await data.ProjectInProgressAsync(lead, "520521001002");
        var grain = fixture.Grains.GetGrain<IProjectGrain>(project.Id);
        var moved = await grain.AssignResponsibleAsync("staff-010", TestData.Office, project.Version);
        Assert.Equal("staff-010", moved.ResponsibleStaffId);
        Assert.Equal(project.Version + 1, moved.Version);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => grain.AssignResponsibleAsync("nobody", TestData.Office));
        Assert.Equal(DomainErrorKind.Invalid, refusal.Kind);
        Assert.Equal("staff-010", (await grain.GetAsync()).ResponsibleStaffId);

        var unit = await data.HelperAsync();
        var pairing = await data.TownshipAsync(unit, "520521001");
        var stale = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<IPairingGrain>(pairing.Id).AssignResponsibleAsync("staff-011", TestData.Office, pairing.Version + 5));
        Assert.Equal(DomainErrorKind.PreconditionFailed, stale.Kind);
        Assert.Equal("staff-011", (await fixture.Grains.GetGrain<IPairingGrain>(pairing.Id).AssignResponsibleAsync("staff-011", TestData.Office, pairing.Version)).ResponsibleStaffId);
    }
}
