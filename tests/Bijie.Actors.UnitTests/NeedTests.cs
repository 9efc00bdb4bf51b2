using Bijie.Actors.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class NeedTests(ClusterFixture fixture, ITestOutputHelper output)
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
        var listed = Assert.Single(await NeedRegistry.ListAsync(fixture.Grains), n => n.Id == id);
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

    [Fact]
    public async Task Ten_thousand_needs_are_all_listed_and_no_registry_row_holds_more_than_its_shard_of_them()
    {
        const int count = 10_000;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, count).Select(i => $"n-{tag}-{i:00000}").ToArray();
        foreach (var batch in ids.Chunk(200))
        {
            await Task.WhenAll(batch.Select(id => fixture.Grains.GetGrain<INeedGrain>(id).PostAsync(Need("520526001001", $"测试需求 {id}"), TestData.Office)));
        }

        var listed = (await NeedRegistry.ListAsync(fixture.Grains)).Where(n => n.Id.StartsWith($"n-{tag}-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(n => n.Id).Order(StringComparer.Ordinal));

        Assert.DoesNotContain(await fixture.Grains.GetGrain<INeedListGrain>(NeedRegistry.Legacy).ListAsync(), n => n.Id.StartsWith($"n-{tag}-", StringComparison.Ordinal));
        var shards = await Task.WhenAll(Enumerable.Range(1, NeedRegistry.Shards).Select(k => fixture.Grains.GetGrain<INeedListGrain>(k).ListAsync()));
        var largest = shards.MaxBy(s => s.Count)!;
        var mean = count / NeedRegistry.Shards;
        Assert.True(largest.Count <= 2 * mean + 50, $"the fullest shard holds {largest.Count} needs, the mean is {mean}");

        // The fullest row as storage writes it: far below a Table entity's 1 MB.
        var serializer = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<Orleans.Serialization.Serializer>();
        var bytes = serializer.SerializeToArray(largest.ToDictionary(n => n.Id)).Length;
        output.WriteLine($"{count} needs over {NeedRegistry.Shards} shards: the fullest holds {largest.Count} needs, {bytes:N0} bytes");
        Assert.True(bytes < 256 * 1024, $"the fullest shard is {bytes} bytes");
    }

    [Fact]
    public async Task A_locality_holds_at_most_its_quota_of_open_needs_and_a_closed_one_frees_a_place()
    {
        var township = new ActorRef("quota-office", ActorRole.Locality, "520523003");
        var max = new Grains.Needs.NeedOptions().MaxOpenPerLocality;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, max).Select(i => $"n-q{tag}-{i:000}").ToArray();
        foreach (var batch in ids.Chunk(50))
        {
            await Task.WhenAll(batch.Select(id => fixture.Grains.GetGrain<INeedGrain>(id).PostAsync(Need("520523003001", $"配额 {id}"), township)));
        }

        var extra = fixture.Grains.GetGrain<INeedGrain>($"n-q{tag}-extra");
        var refusal = await Assert.ThrowsAsync<DomainException>(() => extra.PostAsync(Need("520523003001", "一个太多的需求"), township));
        Assert.Equal("need.quota", refusal.Code);
        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => extra.GetAsync())).Kind); // nothing was stored
        Assert.Equal(max, await fixture.Grains.GetGrain<INeedQuotaGrain>("520523003").CountAsync());

        // A retried post of a need already counted passes; the programme office is not limited.
        Assert.Equal(ids[0], (await fixture.Grains.GetGrain<INeedGrain>(ids[0]).PostAsync(Need("520523003001", $"配额 {ids[0]}"), township)).Id);
        await fixture.Grains.GetGrain<INeedGrain>($"n-q{tag}-office").PostAsync(Need("520523003001", "办公室发布"), TestData.Office);

        await fixture.Grains.GetGrain<INeedGrain>(ids[0]).CloseAsync(NeedStatus.Withdrawn, township);
        Assert.Equal(NeedStatus.Open, (await extra.PostAsync(Need("520523003001", "一个太多的需求"), township)).Status);

        // Leave the township's quota free for other tests of the collection.
        await Task.WhenAll(ids.Skip(1).Append($"n-q{tag}-extra").Select(id => fixture.Grains.GetGrain<INeedGrain>(id).CloseAsync(NeedStatus.Withdrawn, township)));
        Assert.Equal(0, await fixture.Grains.GetGrain<INeedQuotaGrain>("520523003").CountAsync());
    }
}

/// <summary>The ranking's points, named as the grain names them.</summary>
internal static class NeedGrainPoints
{
    public const int Fit = Grains.Needs.NeedGrain.DomainFitPoints;
    public const int Here = Grains.Needs.NeedGrain.SameLocalityPoints;
}
