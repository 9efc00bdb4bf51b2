using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class ReportTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    private static ReportSubmission Report(string pairingId, string key, decimal clinics = 30m, DateOnly? date = null) =>
        new(pairingId, null, date ?? new DateOnly(2023, 9, 15), new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = clinics }, key);

    [Fact]
    public async Task Concurrent_retries_of_one_report_through_both_silos_are_counted_once()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520502001001");
        var actor = new ActorRef("key-e1", ActorRole.Enterprise, enterprise);
        var report = Report(pairing.Id, $"k-{Guid.NewGuid():N}");

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            fixture.SiloGrains(i % 2).GetGrain<IReportIntakeGrain>(0).SubmitAsync(report, actor)));

        Assert.Single(receipts.Select(r => r.ReportId).Distinct());
        Assert.Equal(1, receipts.Count(r => !r.Replayed));
        Assert.Single(fixture.Store.Entries(), e => e.Entry.SubjectId == pairing.Id && e.Entry.Kind == EntryKind.Report);
        var subject = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Subject(pairing.Id));
        await TestData.EventuallyAsync(async () => Clinics(await subject.GetBoardAsync(2023)) == 30m, "the pairing's board to show the report");
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_and_commits_nothing()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520502001002");
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        var key = $"k-{Guid.NewGuid():N}";
        await intake.SubmitAsync(Report(pairing.Id, key, 10m), TestData.Office);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => intake.SubmitAsync(Report(pairing.Id, key, 11m), TestData.Office));

        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Equal("idempotency.key_reused", refusal.Code);
        Assert.Single(fixture.Store.Entries(), e => e.Entry.SubjectId == pairing.Id && e.Entry.Kind == EntryKind.Report);
    }

    [Theory]
    [InlineData("unknown_indicator", 1, 0, "indicator.unknown")]
    [InlineData("clinic_person_times", -5, 0, "report.negative")]
    [InlineData("clinic_person_times", 5_000_000, 0, "report.absurd")]
    [InlineData("investment_signed_yuan", 900_000_000_000, 0, "report.absurd")]
    [InlineData("clinic_person_times", 2.5, 0, "report.precision")]
    [InlineData("projects_total", 3, 0, "indicator.not_reportable")]
    [InlineData("clinic_person_times", 5, 5, "report.date_in_future")]
    [InlineData("clinic_person_times", 5, -20000, "report.date_before_start")]
    public async Task Bad_reports_are_refused_and_change_nothing(string indicator, double value, int daysFromToday, string code)
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520502001003");
        var before = fixture.Store.Entries().Count;
        var today = ProgrammeClock.Today(TimeProvider.System);
        var report = new ReportSubmission(pairing.Id, null, daysFromToday == 0 ? new DateOnly(2023, 9, 1) : today.AddDays(daysFromToday),
            new Dictionary<string, decimal> { [indicator] = (decimal)value }, $"k-{Guid.NewGuid():N}");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(report, TestData.Office));

        Assert.Equal(code, refusal.Code);
        Assert.Equal(before, fixture.Store.Entries().Count);
    }

    [Fact]
    public async Task A_report_on_an_unknown_subject_or_by_an_outsider_is_refused()
    {
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        var unknown = await Assert.ThrowsAsync<DomainException>(() => intake.SubmitAsync(Report("ev-nope-520502001001", "k1"), TestData.Office));
        Assert.Equal(DomainErrorKind.Invalid, unknown.Kind);
        Assert.Equal("pairing.unknown", unknown.Code);

        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520502001004");
        var outsider = new ActorRef("key-x", ActorRole.Enterprise, TestData.NewCreditCode());
        var forbidden = await Assert.ThrowsAsync<DomainException>(() => intake.SubmitAsync(Report(pairing.Id, "k2"), outsider));
        Assert.Equal("report.forbidden", forbidden.Code);
        Assert.Equal(DomainErrorKind.Forbidden, forbidden.Kind);
    }

    [Fact]
    public async Task A_reversal_takes_a_report_back_once()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520502001010");
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        var receipt = await intake.SubmitAsync(Report(pairing.Id, $"k-{Guid.NewGuid():N}", 40m), TestData.Office);
        await intake.SubmitAsync(Report(pairing.Id, $"k-{Guid.NewGuid():N}", 7m), TestData.Office);

        var reversal = await intake.ReverseAsync(receipt.ReportId, "填报有误", "r1", TestData.Office);
        var retry = await intake.ReverseAsync(receipt.ReportId, "填报有误", "r1", TestData.Office);
        var second = await Assert.ThrowsAsync<DomainException>(() => intake.ReverseAsync(receipt.ReportId, "另一个理由", "r2", TestData.Office));

        Assert.Equal(reversal.ReportId, retry.ReportId);
        Assert.True(retry.Replayed);
        Assert.Equal("report.already_reversed", second.Code);
        var subject = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Subject(pairing.Id));
        await TestData.EventuallyAsync(async () => Clinics(await subject.GetBoardAsync(2023)) == 7m, "the board to drop the reversed report");
    }

    private static decimal Clinics(Board board) => board.Figures.Single(f => f.Indicator == Indicators.ClinicPersonTimes).Value;
}
