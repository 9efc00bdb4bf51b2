using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// Level-by-level approval (逐级审核): each level approves what the level below approved; an approval locks its batch;
/// taking it back is a reversal by the level that approved or one above; the boards count what each level approved.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApprovalTests(ClusterFixture fixture)
{
    private const string County = "520525", Township = "520525001";
    private static readonly ActorRef TownshipApprover = new("key-township", ActorRole.Locality, Township);
    private static readonly ActorRef CountyApprover = new("key-county", ActorRole.Locality, County);
    private readonly TestData data = new(fixture.Grains);

    private static ReportSubmission Clinics(string pairingId, DateOnly date, decimal clinics) =>
        new(pairingId, null, date, new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = clinics }, $"k-{Guid.NewGuid():N}");

    private static async Task<DomainException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<DomainException>(call);

    [Fact]
    public async Task Each_level_approves_what_the_level_below_approved_the_batch_locks_and_only_the_top_approval_is_taken_back()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520525001003");
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        var filed = await intake.SubmitAsync(Clinics(pairing.Id, new DateOnly(2024, 5, 10), 30m), TestData.Office);
        var approvals = fixture.Grains.GetGrain<IPeriodApprovalsGrain>("2024Q2");

        // The county cannot approve what the township has not; a county elsewhere is told the batch is not there.
        Assert.Equal("approval.below_pending", (await RefusedAsync(() => approvals.ApproveAsync(Township, CountyApprover))).Code);
        Assert.Equal(DomainErrorKind.NotFound, (await RefusedAsync(() => approvals.ApproveAsync(Township, new ActorRef("key-other", ActorRole.Locality, "520526")))).Kind);
        Assert.Equal("approval.period_open", (await RefusedAsync(() =>
            fixture.Grains.GetGrain<IPeriodApprovalsGrain>(ReportingPeriods.Of(ProgrammeClock.Today(TimeProvider.System))).ApproveAsync(Township, TownshipApprover))).Code);

        var township = await approvals.ApproveAsync(Township, TownshipApprover);
        Assert.Equal((LocalityLevel?)LocalityLevel.County, township.Next);
        var step = Assert.Single(township.Approved);
        Assert.Equal((LocalityLevel.Township, 30m), (step.Level, step.Amounts[Indicators.ClinicPersonTimes]));
        Assert.Equal("approval.already", (await RefusedAsync(() => approvals.ApproveAsync(Township, TownshipApprover))).Code);

        var county = await approvals.ApproveAsync(Township, CountyApprover);
        Assert.Equal([LocalityLevel.Township, LocalityLevel.County], county.Approved.Select(s => s.Level));
        Assert.Equal(30m, county.Approved[1].Amounts[Indicators.ClinicPersonTimes]); // what the township approved
        Assert.Equal("approval.above", (await RefusedAsync(() => approvals.UnapproveAsync(Township, "有误", TownshipApprover))).Code);

        // Locked: a late report needs the office's exception; a withdrawal needs the approval taken back, exception or not.
        var late = Clinics(pairing.Id, new DateOnly(2024, 6, 1), 5m);
        Assert.Equal("report.period_approved", (await RefusedAsync(() => intake.SubmitAsync(late, TestData.Office))).Code);
        await fixture.Grains.GetGrain<IReportingPeriodGrain>("2024Q2").GrantExceptionAsync(pairing.Id, ProgrammeClock.Today(TimeProvider.System).AddDays(3), "补报", TestData.Office);
        await intake.SubmitAsync(late, TestData.Office);
        Assert.Equal("report.period_approved", (await RefusedAsync(() => intake.ReverseAsync(filed.ReportId, "更正", $"r-{Guid.NewGuid():N}", TestData.Office))).Code);
        Assert.Equal("report.period_approved", (await RefusedAsync(() =>
            fixture.Grains.GetGrain<IReportReviewGrain>(0).ReviewAsync(filed.ReportId, ReviewDecision.Return, "与台账不符", TestData.Office))).Code);

        // The boards above count what each level approved (the late report is not among it).
        var countyBoard = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Locality(County));
        static decimal? Approved(Board b, string level) => b.Approved?.GetValueOrDefault(level)?.GetValueOrDefault(Indicators.ClinicPersonTimes);
        await TestData.EventuallyAsync(async () => await countyBoard.GetBoardAsync(2024) is var b && Approved(b, "township") >= 30m && Approved(b, "county") >= 30m,
            "the county's board to count the approvals");
        var before = Approved(await countyBoard.GetBoardAsync(2024), "county");

        // The county takes its approval back (a reversal entry): the township's stands, the county level approves next.
        var back = await approvals.UnapproveAsync(Township, "数据有误", CountyApprover);
        Assert.Equal((LocalityLevel?)LocalityLevel.County, back.Next);
        Assert.Single(back.Approved);
        Assert.True(await new InMemoryLedger(fixture.Store).IsReversedAsync(county.Approved[1].EntryId));
        await TestData.EventuallyAsync(async () => (Approved(await countyBoard.GetBoardAsync(2024), "county") ?? 0m) == before - 30m, "the county's approved share to drop");

        // Approved again after a take-back: a new entry under a new key.
        var again = await approvals.ApproveAsync(Township, CountyApprover);
        Assert.NotEqual(county.Approved[1].EntryId, again.Approved[1].EntryId);
        var listed = await approvals.ListAsync(County);
        Assert.Contains(listed, b => b.Unit == County && b.Levels.SequenceEqual([LocalityLevel.County, LocalityLevel.City])); // the county's own batch
        Assert.Equal(2, listed.Single(b => b.Unit == Township).Approved.Count);
    }

    [Fact]
    public async Task A_countys_own_batch_holds_its_own_pairings_figures_and_not_its_townships()
    {
        var ledger = new InMemoryLedger(fixture.Store);
        static LedgerEntry Entry(string[] scopes, decimal value) => LedgerEntry.Report("test", $"k-{Guid.NewGuid():N}", "subject-x", new DateOnly(2019, 8, 1),
            DateTimeOffset.UtcNow, "test", false, "{}", [new LedgerLine("people_trained", 2019, 8, null, null, value, scopes)]);
        await ledger.AppendAsync(Entry(["L:5205", "L:520524"], 7m));
        await ledger.AppendAsync(Entry(["L:5205", "L:520524", "L:520524001"], 11m));
        var head = await ledger.HeadAsync();

        var own = await ledger.SumBatchAsync("L:520524", new DateOnly(2019, 7, 1), new DateOnly(2019, 9, 30), ownOnly: true, head);
        var all = await ledger.SumBatchAsync("L:520524", new DateOnly(2019, 7, 1), new DateOnly(2019, 9, 30), ownOnly: false, head);
        var township = await ledger.SumBatchAsync("L:520524001", new DateOnly(2019, 7, 1), new DateOnly(2019, 9, 30), ownOnly: false, head);

        Assert.Equal(7m, own["people_trained"]);
        Assert.Equal(18m, all["people_trained"]);
        Assert.Equal(11m, township["people_trained"]);
        Assert.Empty(await ledger.SumBatchAsync("L:520524", new DateOnly(2019, 10, 1), new DateOnly(2019, 12, 31), ownOnly: false, head));
    }

    [Fact]
    public async Task The_approvers_late_with_the_last_ended_quarters_figures_are_reminded_once_a_day_and_a_batch_without_figures_reminds_nobody()
    {
        var today = ProgrammeClock.Today(TimeProvider.System);
        var period = ReportingPeriods.Of(today.AddMonths(-3));
        var (first, last) = ReportingPeriods.Require(period);
        Assert.True(today > last.AddDays(30), "the last ended quarter is past its approval days");
        var pairing = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), "520525002001", first.AddDays(-30));
        await fixture.Grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(Clinics(pairing.Id, first.AddDays(5), 12m), TestData.Office);
        var supervision = fixture.Grains.GetGrain<ISupervisionGrain>(0);

        Assert.True(await supervision.RemindApproversAsync() >= 1);

        var township = fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Locality("520525002"));
        var notice = Assert.Single(await township.ListAsync(), n => n.Kind == "approvals.waiting");
        Assert.Contains(period, notice.Title);
        Assert.Equal(NoticeTarget.Approvals(period), notice.Target);
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IInboxGrain>(Inboxes.Locality("520525003")).ListAsync(), n => n.Kind == "approvals.waiting");
        await supervision.RemindApproversAsync(); // the same day again: nothing new
        Assert.Single(await township.ListAsync(), n => n.Kind == "approvals.waiting");
    }
}
