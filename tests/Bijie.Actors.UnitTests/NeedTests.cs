using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class NeedTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    private static PostNeed Need(string place, string title = "乡镇卫生院远程会诊设备与培训") =>
        new(Track.Health, place, title, "需要远程会诊设备和两期医生培训", 800_000m, NeedUrgency.High, ProgrammeClock.Today(TimeProvider.System).AddMonths(6));

    private async Task<string> HelperAsync(params Track[] strengths)
    {
        var id = TestData.NewHelperId();
        await fixture.Grains.GetGrain<IHelperGrain>(id).RegisterAsync(new HelperProfile(id, $"测试单位{id[^6..]}", null, HelperKind.Unit, null, strengths), TestData.Office);
        return id;
    }

    [Fact]
    public async Task Matching_ranks_a_same_domain_nearby_lightly_loaded_helper_first_and_says_why()
    {
        const string township = "520521002", village = "520521002001";
        var nearbyFit = await HelperAsync(Track.Health);
        await data.TownshipAsync(nearbyFit, township);
        var busyFit = await HelperAsync(Track.Health);
        foreach (var i in Enumerable.Range(0, 3))
        {
            await data.ProjectInProgressAsync(busyFit, "520525001001");
        }

        var nearbyOther = await HelperAsync(Track.Industry);
        await data.TownshipAsync(nearbyOther, township);

        var county = new ActorRef("county-office", ActorRole.Locality, "520521");
        var need = fixture.Grains.GetGrain<INeedGrain>($"n-{Guid.NewGuid():N}");
        await need.PostAsync(Need(village), county);

        IReadOnlyList<MatchCandidate> ranked = [];
        await TestData.EventuallyAsync(async () =>
        {
            ranked = await need.CandidatesAsync();
            return ranked.First(c => c.HelperId == busyFit).Load == 3 && ranked.First(c => c.HelperId == nearbyFit).PairingsNearby == 1;
        }, "the helpers' roll-ups to count their pairings and projects");

        var first = ranked[0];
        Assert.Equal(nearbyFit, first.HelperId);
        Assert.Equal(1, first.Rank);
        Assert.True(first.DomainFit);
        Assert.Equal(NeedGrainPoints.Fit + NeedGrainPoints.Here, first.Score);
        Assert.Contains(first.Reasons, r => r.Contains("擅长健康"));
        Assert.Contains(first.Reasons, r => r.Contains("在当地已有结对 1 个"));
        var busy = ranked.Single(c => c.HelperId == busyFit);
        var other = ranked.Single(c => c.HelperId == nearbyOther);
        Assert.True(busy.Rank < other.Rank, "a same-domain helper with some load comes before a nearby one without the domain");
        Assert.Contains(busy.Reasons, r => r.Contains("在施项目 3 个"));
        Assert.Equal(ranked.Select((c, i) => i + 1), ranked.Select(c => c.Rank));
    }

    [Fact]
    public async Task A_confirmed_match_puts_a_project_in_the_library_led_by_that_helper_once()
    {
        var helper = await HelperAsync(Track.Health);
        var id = $"n-{Guid.NewGuid():N}";
        var need = fixture.Grains.GetGrain<INeedGrain>(id);
        await need.PostAsync(Need("520526001001"), TestData.Office);
        var matched = await need.MatchAsync(helper, "staff-020", TestData.Office);
        Assert.Equal(NeedStatus.Matched, matched.Status);
        Assert.Equal(matched.Version, (await need.MatchAsync(helper, "staff-020", TestData.Office)).Version); // a retry

        var project = await fixture.Grains.GetGrain<IProjectGrain>(matched.ProjectId!).GetAsync();
        Assert.Equal(ProjectStatus.InLibrary, project.Status);
        Assert.Equal(helper, project.LeadHelperId);
        Assert.Equal(800_000m, project.Money.PlannedYuan);
        Assert.Equal(Track.Health, project.Track);

        var other = await HelperAsync(Track.Health);
        Assert.Equal("need.not_open", (await Assert.ThrowsAsync<DomainException>(() => need.MatchAsync(other, "staff-020", TestData.Office))).Code);
        Assert.Equal(NeedStatus.Fulfilled, (await need.CloseAsync(NeedStatus.Fulfilled, TestData.Office)).Status);
        var listed = Assert.Single(await fixture.Grains.GetGrain<INeedListGrain>(0).ListAsync(), n => n.Id == id);
        Assert.Equal(NeedStatus.Fulfilled, listed.Status);
        Assert.Equal(helper, listed.MatchedHelperId);
    }

    [Fact]
    public async Task A_locality_posts_only_in_its_own_place_and_bad_needs_change_nothing()
    {
        var township = new ActorRef("township-office", ActorRole.Locality, "520521002");
        var need = fixture.Grains.GetGrain<INeedGrain>($"n-{Guid.NewGuid():N}");
        Assert.Equal(DomainErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => need.PostAsync(Need("520526001001"), township))).Kind);
        Assert.Equal("need.domain", (await Assert.ThrowsAsync<DomainException>(() => need.PostAsync(Need("520521002001") with { Domain = Track.Regional }, township))).Code);
        Assert.Equal("need.budget", (await Assert.ThrowsAsync<DomainException>(() => need.PostAsync(Need("520521002001") with { BudgetYuan = -1 }, township))).Code);
        Assert.Equal("need.deadline", (await Assert.ThrowsAsync<DomainException>(() =>
            need.PostAsync(Need("520521002001") with { Deadline = ProgrammeClock.Today(TimeProvider.System).AddDays(-1) }, township))).Code);
        Assert.Equal("locality.unknown", (await Assert.ThrowsAsync<DomainException>(() => need.PostAsync(Need("520521999999"), TestData.Office))).Code);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => need.GetAsync())).Kind);

        var posted = await need.PostAsync(Need("520521002001"), township);
        Assert.Equal(NeedStatus.Withdrawn, (await need.CloseAsync(NeedStatus.Withdrawn, township)).Status);
        Assert.Equal("need.not_open", (await Assert.ThrowsAsync<DomainException>(() => need.MatchAsync("x", "staff-001", TestData.Office))).Code);
        Assert.Equal(1, posted.Version);
    }
}

/// <summary>The ranking's points, named as the grain names them.</summary>
internal static class NeedGrainPoints
{
    public const int Fit = Grains.Needs.NeedGrain.DomainFitPoints;
    public const int Here = Grains.Needs.NeedGrain.SameLocalityPoints;
}
