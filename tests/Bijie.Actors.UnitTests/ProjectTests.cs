using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class ProjectTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    [Fact]
    public async Task A_project_moves_through_its_life_and_every_transition_is_recorded_with_who_and_when()
    {
        var lead = await data.HelperAsync(HelperKind.PartyCentralCommittee);
        var project = await data.ProjectInProgressAsync(lead, "520521");
        var grain = fixture.Grains.GetGrain<IProjectGrain>(project.Id);
        var inspector = new ActorRef("staff-010", ActorRole.Office);

        await grain.TransitionAsync(new ProjectTransition(ProjectStatus.Completed, new DateOnly(2023, 11, 30)), inspector);
        var accepted = await grain.TransitionAsync(new ProjectTransition(ProjectStatus.Accepted, new DateOnly(2023, 12, 20)), inspector);

        Assert.Equal(ProjectStatus.Accepted, accepted.Status);
        var history = await grain.GetHistoryAsync();
        Assert.Equal(
            [ProjectStatus.Proposed, ProjectStatus.InLibrary, ProjectStatus.Planned, ProjectStatus.InProgress, ProjectStatus.Completed, ProjectStatus.Accepted],
            history.Select(h => h.Status));
        Assert.Equal("staff-010", history[^1].By);
        Assert.Equal(new DateOnly(2023, 12, 20), history[^1].On);
        Assert.Equal("office", history[0].By);
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_with_the_allowed_ones_named_and_changes_nothing()
    {
        var lead = await data.HelperAsync(HelperKind.PartyCentralCommittee);
        var id = $"prj-{Guid.NewGuid():N}";
        var grain = fixture.Grains.GetGrain<IProjectGrain>(id);
        await grain.ProposeAsync(new ProposeProject("光彩车间", Track.Industry, "520527004002", lead, [], "staff-004", new ProjectMoney(0, 0, 0), [], new DateOnly(2023, 7, 1)), TestData.Office);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            grain.TransitionAsync(new ProjectTransition(ProjectStatus.Completed, new DateOnly(2023, 8, 1)), TestData.Office));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Contains("InLibrary", refusal.Message);
        Assert.Contains("Cancelled", refusal.Message);
        var project = await grain.GetAsync();
        Assert.Equal(ProjectStatus.Proposed, project.Status);
        Assert.Equal(1, project.Version);
    }

    [Fact]
    public async Task Bad_project_input_is_refused()
    {
        var lead = await data.HelperAsync(HelperKind.PartyCentralCommittee);
        var grain = fixture.Grains.GetGrain<IProjectGrain>($"prj-{Guid.NewGuid():N}");
        ProposeProject Proposal(string locality = "520521", decimal planned = 1000m, string staff = "staff-001", string? co = null) =>
            new("项目", Track.Health, locality, lead, co is null ? [] : [co], staff, new ProjectMoney(planned, 0, 0), [], new DateOnly(2023, 3, 1));

        Assert.Equal("locality.unknown", (await Assert.ThrowsAsync<DomainException>(() => grain.ProposeAsync(Proposal(locality: "520599"), TestData.Office))).Code);
        Assert.Equal("project.money", (await Assert.ThrowsAsync<DomainException>(() => grain.ProposeAsync(Proposal(planned: -1m), TestData.Office))).Code);
        Assert.Equal("project.money", (await Assert.ThrowsAsync<DomainException>(() => grain.ProposeAsync(Proposal(planned: 5_000_000_000_000m), TestData.Office))).Code);
        Assert.Equal("staff.unknown", (await Assert.ThrowsAsync<DomainException>(() => grain.ProposeAsync(Proposal(staff: "x"), TestData.Office))).Code);
        Assert.Equal("helper.unknown", (await Assert.ThrowsAsync<DomainException>(() => grain.ProposeAsync(Proposal(co: "no-such-helper"), TestData.Office))).Code);
        Assert.Equal("project.unknown", (await Assert.ThrowsAsync<DomainException>(() => grain.GetAsync())).Code);
    }

    [Fact]
    public async Task A_project_counts_where_it_is_and_for_every_helper_of_its_group()
    {
        var lead = await data.HelperAsync(HelperKind.PartyCentralCommittee);
        var co = await data.HelperAsync(HelperKind.Institution);
        var id = $"prj-{Guid.NewGuid():N}";
        var grain = fixture.Grains.GetGrain<IProjectGrain>(id);
        await grain.ProposeAsync(new ProposeProject("少儿活动中心", Track.Education, "520527004003", lead, [co], "staff-005", new ProjectMoney(0, 0, 0), [], new DateOnly(2023, 2, 1)), TestData.Office);
        await grain.TransitionAsync(new ProjectTransition(ProjectStatus.InLibrary, new DateOnly(2023, 2, 2)), TestData.Office);
        await grain.TransitionAsync(new ProjectTransition(ProjectStatus.Planned, new DateOnly(2023, 2, 3), 2024), TestData.Office);

        foreach (var scope in new[] { Scopes.Helper(lead), Scopes.Helper(co) })
        {
            var rollup = fixture.Grains.GetGrain<IScopeGrain>(scope);
            await TestData.EventuallyAsync(async () => (await rollup.GetMembersAsync(Indicators.PlannedProjectsNextYear, 2023)).Contains(id), $"{scope} to count the plan");
            Assert.Contains(id, await rollup.GetMembersAsync(Indicators.LibraryProjects, 2023));
            Assert.DoesNotContain(id, await rollup.GetMembersAsync(Indicators.ProjectsTotal, 2023));
        }
    }
}
