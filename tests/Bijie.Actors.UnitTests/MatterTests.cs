using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class MatterTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    private static RaiseMatter Matter(string helper, DateOnly due, string staff = "staff-005") =>
        new("争取专家团队支持中药材种植", "请协调农业专家赴纳雍县调研", helper, "520525", Track.Technology, staff, due);

    [Fact]
    public async Task A_matter_goes_through_its_steps_in_order_each_by_whom_it_belongs_to()
    {
        var helper = await data.HelperAsync();
        var grain = fixture.Grains.GetGrain<IMatterGrain>($"m-{Guid.NewGuid():N}");
        var raised = await grain.RaiseAsync(Matter(helper, ProgrammeClock.Today(TimeProvider.System).AddDays(30)), TestData.Office);
        Assert.Equal(MatterStep.Assigned, raised.Step);
        Assert.Equal(raised.Version, (await grain.RaiseAsync(Matter(helper, raised.Due), TestData.Office)).Version); // a retry changes nothing

        var skip = await Assert.ThrowsAsync<DomainException>(() => grain.AdvanceAsync(MatterStep.Concluded, null, TestData.Office));
        Assert.Equal("matter.step", skip.Code);
        Assert.Contains("Undertaken", skip.Message);
        var outsider = new ActorRef("key-x", ActorRole.Helper, await data.HelperAsync());
        // Not its matter: "not there", as for any stranger, before anything about the step.
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => grain.AdvanceAsync(MatterStep.Undertaken, null, outsider))).Kind);

        var own = new ActorRef("key-h", ActorRole.Helper, helper);
        await grain.AdvanceAsync(MatterStep.Undertaken, "已安排专家", own);
        var concluded = await grain.AdvanceAsync(MatterStep.Concluded, null, own, 2);
        Assert.True(concluded.Closed);
        Assert.Equal(DomainErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => grain.AdvanceAsync(MatterStep.FedBack, null, own))).Kind);
        var stale = await Assert.ThrowsAsync<DomainException>(() => grain.AdvanceAsync(MatterStep.FedBack, null, TestData.Office, 2));
        Assert.Equal(DomainErrorKind.PreconditionFailed, stale.Kind);
        var fedBack = await grain.AdvanceAsync(MatterStep.FedBack, "种植户满意", TestData.Office, 3);
        Assert.Equal([MatterStep.Assigned, MatterStep.Undertaken, MatterStep.Concluded, MatterStep.FedBack], fedBack.Steps.Select(s => s.Step));
        Assert.Equal(["office", "key-h", "key-h", "office"], fedBack.Steps.Select(s => s.By));
        Assert.Equal("matter.step", (await Assert.ThrowsAsync<DomainException>(() => grain.AdvanceAsync(MatterStep.FedBack, null, TestData.Office))).Code);

        var listed = Assert.Single(await MatterRegistry.ListAsync(fixture.Grains, helper), m => m.Id == raised.Id);
        Assert.Equal(MatterStep.FedBack, listed.Step);
        Assert.Contains(await MatterRegistry.ListAsync(fixture.Grains, null), m => m.Id == raised.Id);
        Assert.DoesNotContain(await MatterRegistry.ListAsync(fixture.Grains, await data.HelperAsync()), m => m.Id == raised.Id);
    }

    [Fact]
    public async Task Matters_are_kept_in_their_helpers_shard_and_one_listed_before_the_shards_is_still_listed_once()
    {
        var helper = await data.HelperAsync();
        var id = $"m-{Guid.NewGuid():N}";
        var due = ProgrammeClock.Today(TimeProvider.System).AddDays(30);
        // As stored before the lists were sharded: in the one list, key 0.
        await fixture.Grains.GetGrain<IMatterListGrain>(MatterRegistry.Legacy).PutAsync(new MatterSummary(id, "旧事项", helper, "staff-005", due, MatterStep.Assigned, 0));
        Assert.Equal(MatterStep.Assigned, Assert.Single(await MatterRegistry.ListAsync(fixture.Grains, helper), m => m.Id == id).Step);

        // Its next change lands in the helper's shard and stands over the old copy.
        await MatterRegistry.PutAsync(fixture.Grains, new MatterSummary(id, "旧事项", helper, "staff-005", due, MatterStep.Undertaken, 0));
        Assert.Contains(await fixture.Grains.GetGrain<IMatterListGrain>(MatterRegistry.ShardOf(helper)).ListAsync(), m => m.Id == id);
        Assert.Equal(MatterStep.Undertaken, Assert.Single(await MatterRegistry.ListAsync(fixture.Grains, null), m => m.Id == id).Step);
        Assert.InRange(MatterRegistry.ShardOf(helper), 1, MatterRegistry.Shards);
    }

    [Fact]
    public async Task An_overdue_matter_escalates_by_its_reminder_again_and_again_until_it_is_concluded()
    {
        var helper = await data.HelperAsync();
        var grain = fixture.Grains.GetGrain<IMatterGrain>($"m-{Guid.NewGuid():N}");
        var yesterday = ProgrammeClock.Today(TimeProvider.System).AddDays(-1);
        await grain.RaiseAsync(Matter(helper, yesterday), TestData.Office);

        await TestData.EventuallyAsync(async () => (await grain.GetAsync()).Escalations >= 2, "two escalations");
        var escalated = await grain.GetAsync();

        // Each escalation reaches the helper's inbox and the office's, once.
        var helperInbox = await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Helper(helper)).ListAsync();
        Assert.True(helperInbox.Count >= 2);
        Assert.All(helperInbox, n => Assert.Equal("matter.overdue", n.Kind));
        Assert.Equal(helperInbox.Count, helperInbox.Select(n => n.Id).Distinct().Count());
        Assert.Contains(await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Office).ListAsync(), n => n.Id == helperInbox[^1].Id);
        await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Helper(helper)).MarkReadAsync(helperInbox[0].Id);
        Assert.True((await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Helper(helper)).ListAsync()).Single(n => n.Id == helperInbox[0].Id).Read);
        Assert.True(escalated.IsOverdue(DateTimeOffset.UtcNow));
        Assert.NotNull(escalated.LastEscalatedAt);

        await grain.AdvanceAsync(MatterStep.Undertaken, null, TestData.Office);
        var concluded = await grain.AdvanceAsync(MatterStep.Concluded, null, TestData.Office);
        Assert.False(concluded.IsOverdue(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_matter_due_later_is_not_overdue_and_bad_requests_store_nothing()
    {
        var helper = await data.HelperAsync();
        var later = fixture.Grains.GetGrain<IMatterGrain>($"m-{Guid.NewGuid():N}");
        var raised = await later.RaiseAsync(Matter(helper, ProgrammeClock.Today(TimeProvider.System).AddDays(10)), TestData.Office);
        Assert.False(raised.IsOverdue(DateTimeOffset.UtcNow));
        Assert.Equal(0, raised.Escalations);

        var grain = fixture.Grains.GetGrain<IMatterGrain>($"m-{Guid.NewGuid():N}");
        var today = ProgrammeClock.Today(TimeProvider.System);
        Assert.Equal("helper.unknown", (await Assert.ThrowsAsync<DomainException>(() => grain.RaiseAsync(Matter("no-such-helper", today), TestData.Office))).Code);
        Assert.Equal("staff.unknown", (await Assert.ThrowsAsync<DomainException>(() => grain.RaiseAsync(Matter(helper, today, "nobody"), TestData.Office))).Code);
        Assert.Equal("matter.due", (await Assert.ThrowsAsync<DomainException>(() => grain.RaiseAsync(Matter(helper, today.AddYears(9)), TestData.Office))).Code);
        Assert.Equal(DomainErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() =>
            grain.RaiseAsync(Matter(helper, today), new ActorRef("k", ActorRole.Helper, helper)))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => grain.GetAsync())).Kind);
    }
}
