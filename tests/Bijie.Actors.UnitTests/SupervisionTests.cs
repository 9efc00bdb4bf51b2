using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class SupervisionTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    [Fact]
    public async Task Past_due_milestones_and_long_silent_subjects_need_an_update_and_their_persons_are_reminded()
    {
        var today = ProgrammeClock.Today(TimeProvider.System);
        var lead = await data.HelperAsync();
        var project = await data.ProjectInProgressAsync(lead, "520523002001");
        await fixture.Grains.GetGrain<IProjectGrain>(project.Id).UpdateProgressAsync(new ProjectMoney(1_000_000m, 0, 0),
            [new Milestone("m1", "完成设备采购", today.AddDays(-3), 40), new Milestone("m2", "完成人员培训", today.AddDays(30), 0)], TestData.Office);
        var silent = await data.TownshipAsync(await data.HelperAsync(), "520523003", today.AddDays(-200));
        var busy = await data.TownshipAsync(await data.HelperAsync(), "520523004", today.AddDays(-200));
        await fixture.Grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(
            new ReportSubmission(busy.Id, null, today, new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = 5 }, $"k-{Guid.NewGuid():N}"), TestData.Office);

        var supervision = fixture.Grains.GetGrain<ISupervisionGrain>(0);
        IReadOnlyList<UpdateNeeded> list = [];
        await TestData.EventuallyAsync(async () =>
        {
            list = await supervision.ListAsync();
            return list.Any(i => i.SubjectId == silent.Id) && list.Any(i => i.SubjectId == project.Id);
        }, "the new subjects in the city's roll-up");

        var milestone = Assert.Single(list, i => i.SubjectId == project.Id && i.Reason == "milestone_past_due");
        Assert.Contains("完成设备采购", milestone.Detail);
        Assert.Equal(today.AddDays(-3), milestone.Since);
        Assert.DoesNotContain(list, i => i.Detail.Contains("完成人员培训"));
        var quiet = Assert.Single(list, i => i.SubjectId == silent.Id);
        Assert.Equal("no_recent_report", quiet.Reason);
        Assert.Equal(silent.ResponsibleStaffId, quiet.ResponsibleStaffId);
        Assert.DoesNotContain(list, i => i.SubjectId == busy.Id);

        var reminded = await supervision.RemindAsync();
        Assert.Equal(list.Select(i => i.ResponsibleStaffId).Distinct().Count(), reminded);
        var office = await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Office).ListAsync();
        var count = office.Count(n => n.Kind == "supervision.update_needed");
        await supervision.RemindAsync(); // the same day again: nothing new
        Assert.Equal(count, (await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Office).ListAsync()).Count(n => n.Kind == "supervision.update_needed"));
    }

    [Fact]
    public async Task The_list_of_an_earlier_period_stands_as_of_its_last_day()
    {
        var today = ProgrammeClock.Today(TimeProvider.System);
        var pairing = await data.TownshipAsync(await data.HelperAsync(), "520523005", today.AddDays(-400));
        await fixture.Grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(
            new ReportSubmission(pairing.Id, null, today.AddDays(-10), new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = 5 }, $"k-{Guid.NewGuid():N}"), TestData.Office);
        var earlier = ReportingPeriods.Of(today.AddMonths(-6)); // ended at least three months ago, nine months after the start

        var supervision = fixture.Grains.GetGrain<ISupervisionGrain>(0);
        IReadOnlyList<UpdateNeeded> then = [];
        await TestData.EventuallyAsync(async () =>
        {
            then = await supervision.ListAsync(earlier);
            return then.Any(i => i.SubjectId == pairing.Id);
        }, "the pairing to be silent as of the earlier period's end");

        var item = Assert.Single(then, i => i.SubjectId == pairing.Id);
        Assert.Equal(earlier, item.Period);
        Assert.Equal(pairing.Start, item.Since); // no report dated up to then
        Assert.DoesNotContain(await supervision.ListAsync(), i => i.SubjectId == pairing.Id); // it reported since
    }
}
