using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// Reports far above their reporter's own past or their county's peers are accepted with the reason in words, kept
/// flagged in the ledger, and listed first for review; the same checks answer before a report is sent.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OutlierTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    private static ReportSubmission Clinics(string pairingId, DateOnly date, decimal clinics) =>
        new(pairingId, null, date, new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = clinics }, $"k-{Guid.NewGuid():N}");

    private static decimal ClinicsOf(Board board) => board.Figures.Single(f => f.Indicator == Indicators.ClinicPersonTimes).Value;

    [Fact]
    public void The_modified_z_score_stands_on_the_median_and_leaves_zeros_and_small_sets_out()
    {
        var spread = Outliers.SpreadOf([100m, 110m, 90m, 105m, 95m, 100m, 0m], 4)!;
        Assert.Equal(100m, spread.Median);
        Assert.Equal(6, spread.Count); // the zero quarter says nothing of size
        Assert.Equal(5m / 0.6745m, spread.Scale); // MAD 5
        Assert.True(spread.Score(1200m) > 100m);
        Assert.True(spread.Score(110m) < 3.5m);

        // More than half equal (MAD 0): the mean absolute deviation; all equal: a tenth of the median.
        Assert.Equal(1.253314m * (100m / 5m), Outliers.SpreadOf([100m, 100m, 100m, 100m, 200m], 4)!.Scale);
        Assert.Equal(10m, Outliers.SpreadOf([100m, 100m, 100m, 100m], 4)!.Scale);
        Assert.Null(Outliers.SpreadOf([100m, 0m, 0m, 120m, 90m], 4));
        Assert.Equal("12", Outliers.Times(1200m, 100m));
        Assert.Equal("2.5", Outliers.Times(250m, 100m));
    }

    [Fact]
    public async Task A_report_far_above_its_own_quarters_is_accepted_flagged_with_the_reason_and_listed_first_for_review()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520581001007", new DateOnly(2022, 1, 1));
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        decimal[] past = [100m, 110m, 90m, 105m, 95m, 100m];
        for (var q = 0; q < past.Length; q++)
        {
            var receipt = await intake.SubmitAsync(Clinics(pairing.Id, new DateOnly(2022 + (q / 4), ((q % 4) * 3) + 2, 10), past[q]), TestData.Office);
            Assert.DoesNotContain(receipt.Warnings ?? [], w => w.RuleId.StartsWith("outlier", StringComparison.Ordinal));
        }

        var subject = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Subject(pairing.Id));
        await TestData.EventuallyAsync(async () => ClinicsOf(await subject.GetBoardAsync(2022)) == 405m && ClinicsOf(await subject.GetBoardAsync(2023)) == 195m,
            "the pairing's boards to count its past reports");

        // Checked before sending: the warning, and nothing written.
        var before = fixture.Store.Entries().Count;
        var outlier = Clinics(pairing.Id, new DateOnly(2023, 8, 10), 1200m);
        var warned = Assert.Single(await intake.CheckAsync(outlier, TestData.Office), w => w.RuleId == "outlier-own");
        Assert.Equal(before, fixture.Store.Entries().Count);
        Assert.Equal(1200m, warned.Value);
        Assert.Equal(100m, warned.Limit);
        Assert.Contains("12 倍", warned.MessageZh);
        Assert.Contains("12× this pairing's median of its last 6 quarters", warned.MessageEn);

        // Sent: accepted, flagged in the ledger with the same words; an ordinary report after it is not.
        var flagged = await intake.SubmitAsync(outlier, TestData.Office);
        Assert.Contains(flagged.Warnings!, w => w.RuleId == "outlier-own");
        var stored = fixture.Store.Entries().Single(e => e.Entry.EntryId == flagged.ReportId).Entry;
        Assert.True(stored.IsFlagged);
        Assert.Equal(warned.MessageZh, Assert.Single(ReportChecks.FlagsOf(stored)!, f => f.RuleId == "outlier-own").MessageZh);
        var ordinary = await intake.SubmitAsync(Clinics(pairing.Id, new DateOnly(2023, 11, 10), 100m), TestData.Office);
        Assert.DoesNotContain(ordinary.Warnings ?? [], w => w.RuleId == "outlier-own");
        Assert.False(fixture.Store.Entries().Single(e => e.Entry.EntryId == ordinary.ReportId).Entry.IsFlagged);

        // Review: newest first, but the flagged report before the newer ordinary one; and each part on its own.
        var review = fixture.Grains.GetGrain<IReportReviewGrain>(0);
        var query = new ReportPageQuery([Scopes.Subject(pairing.Id)], 2023, 0, 10, NewestFirst: true, FlaggedFirst: true);
        var page = await review.ListForReviewPageAsync(query);
        Assert.Equal(4, page.Total);
        Assert.Equal([flagged.ReportId, ordinary.ReportId], page.Items.Take(2).Select(i => i.Report.Id));
        Assert.Contains(page.Items[0].Report.Flags!, f => f.RuleId == "outlier-own");
        Assert.Null(page.Items[1].Report.Flags);
        var second = await review.ListForReviewPageAsync(query with { Offset = 1, Limit = 2 });
        Assert.Equal([ordinary.ReportId], second.Items.Take(1).Select(i => i.Report.Id));
        Assert.Equal(flagged.ReportId, Assert.Single((await review.ListForReviewPageAsync(query with { Flagged = true })).Items).Report.Id);
        Assert.Equal(3, (await review.ListForReviewPageAsync(query with { Flagged = false })).Total);
    }

    [Fact]
    public async Task A_report_far_above_its_countys_peers_is_flagged_and_one_among_them_is_not()
    {
        var intake = fixture.Grains.GetGrain<IReportIntakeGrain>(0);
        var start = new DateOnly(2021, 1, 1);
        decimal[] peers = [100m, 110m, 90m, 105m, 95m];
        for (var i = 0; i < peers.Length; i++)
        {
            var peer = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), $"52058100100{i + 1}", start);
            await intake.SubmitAsync(Clinics(peer.Id, new DateOnly(2021, 3, 10), peers[i]), TestData.Office);
        }

        var pairing = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), "520581001006", start);
        var far = Clinics(pairing.Id, new DateOnly(2021, 4, 10), 1000m);
        // The county's figures are kept a while (200 ms here): asked again until they include the five peers.
        IReadOnlyList<RuleFinding> found = [];
        await TestData.EventuallyAsync(async () => (found = await intake.CheckAsync(far, TestData.Office)).Any(w => w.RuleId == "outlier-peers"),
            () => $"the county's peers to flag 1000 against five near 100; found {string.Join("; ", found.Select(f => f.MessageEn))}");
        var warning = Assert.Single(found);
        Assert.Equal(1000m, warning.Value);
        Assert.Equal(100m, warning.Limit);
        Assert.Contains("本县其他 5 个填报对象中位数 100 的 10 倍", warning.MessageZh);

        Assert.Empty(await intake.CheckAsync(Clinics(pairing.Id, new DateOnly(2021, 4, 10), 120m), TestData.Office));
        var receipt = await intake.SubmitAsync(far, TestData.Office);
        Assert.Equal("outlier-peers", Assert.Single(receipt.Warnings!).RuleId);
    }

    [Fact]
    public async Task A_date_rule_warns_of_a_report_dated_long_ago_and_a_blocking_one_refuses_it()
    {
        var rules = await ValidationRules.EvaluateAsync(
            [new ValidationRule("recent", RuleKind.Age, null, null, null, 90m, RuleSeverity.Warn, "90 天内填报", "Filed within 90 days")],
            new Dictionary<string, decimal> { [Indicators.ClinicPersonTimes] = 5m }, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1),
            () => throw new InvalidOperationException("a date rule reads no totals"));
        var finding = Assert.Single(rules);
        Assert.Equal((151m, 90m, ""), (finding.Value, finding.Limit, finding.Indicator));
        Assert.Contains("151 天", finding.MessageZh);
        Assert.Empty(await ValidationRules.EvaluateAsync(
            [new ValidationRule("recent", RuleKind.Age, null, null, null, 151m, RuleSeverity.Warn, "n")],
            new Dictionary<string, decimal>(), new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1), () => throw new InvalidOperationException()));

        var bad = Assert.Throws<DomainException>(() => ValidationRules.Validate(
            [new ValidationRule("recent", RuleKind.Age, Indicators.ClinicPersonTimes, null, null, 90m, RuleSeverity.Warn, "n")]));
        Assert.Equal("rules.invalid", bad.Code);
        Assert.Throws<DomainException>(() => ValidationRules.Validate([new ValidationRule("recent", RuleKind.Age, null, null, null, 1.5m, RuleSeverity.Warn, "n")]));
        ValidationRules.Validate([new ValidationRule("recent", RuleKind.Age, null, null, null, 90m, RuleSeverity.Block, "n")]);

        // Through the intake: a blocking date rule refuses a report dated before it, naming the date.
        var rulesGrain = fixture.Grains.GetGrain<IValidationRulesGrain>(0);
        var kept = await rulesGrain.ListAsync();
        var pairing = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), "520581001008");
        try
        {
            await rulesGrain.ReplaceAsync([new ValidationRule("recent", RuleKind.Age, null, null, null, 400m, RuleSeverity.Block, "一年内填报")], TestData.Office);
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                fixture.Grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(Clinics(pairing.Id, new DateOnly(2023, 9, 1), 5m), TestData.Office));
            Assert.Equal(("report.rule", "date"), (refused.Code, refused.Field));
            Assert.DoesNotContain(fixture.Store.Entries(), e => e.Entry.SubjectId == pairing.Id && e.Entry.Kind == EntryKind.Report);
        }
        finally
        {
            await rulesGrain.ReplaceAsync(kept, TestData.Office);
        }
    }
}
