using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>Reporting periods that close, with the office's exceptions; the office's review of reports.</summary>
public sealed class ReviewAndPeriodTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, string pairingId, DateOnly date, decimal clinics) =>
        TestEnvironment.PostReportAsync(client, pairingId, date, "clinic_person_times", clinics);

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

    private async Task<(HttpClient Office, HttpClient Own, string Helper, string[] Pairings)> HelperWithPairingsAsync(string prefix, DateOnly start)
    {
        var office = await fixture.KeyAsync("Office");
        var helper = $"{prefix}{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "审核测试单位", kind = "PartyCentralCommittee", strengths = new[] { "Health" } })).EnsureSuccessStatusCode();
        var pairings = new List<string>();
        foreach (var township in new[] { "520524001", "520524002" })
        {
            using var started = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = helper, localityCode = township, start = start.ToString("yyyy-MM-dd"), responsibleStaffId = "staff-005" });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            pairings.Add(await IdOf(started));
        }

        return (office, await fixture.KeyAsync("Helper", helper), helper, pairings.ToArray());
    }

    [Fact]
    public async Task A_closed_period_refuses_a_late_report_without_an_exception_and_takes_it_with_one()
    {
        // 2025Q1 closed on 2025-04-15 (15 days after its last day); today the tests run later than that.
        var (office, own, _, pairings) = await HelperWithPairingsAsync("hp", new DateOnly(2025, 1, 2));
        var late = new DateOnly(2025, 2, 10);
        var period = await office.GetFromJsonAsync<JsonElement>("/api/v1/periods/2025Q1");
        Assert.True(period.GetProperty("closed").GetBoolean());
        Assert.Equal("2025-04-15", period.GetProperty("deadline").GetString());

        using (var refused = await ReportAsync(own, pairings[0], late, 5))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("report.period_closed", problem.GetProperty("code").GetString());
            Assert.Contains("2025Q1", problem.GetProperty("detail").GetString());
        }

        Assert.Empty((await own.GetFromJsonAsync<JsonElement>($"/api/v1/reports?pairing={pairings[0]}&year=2025")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PutAsJsonAsync($"/api/v1/periods/2025Q1/exceptions/{pairings[0]}", new { until = TestEnvironment.Today.AddDays(7), reason = "补报" })).StatusCode);
        using (var bad = await office.PutAsJsonAsync("/api/v1/periods/2025Q1/exceptions/no-such-pairing", new { until = TestEnvironment.Today.AddDays(7), reason = "补报" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        (await office.PutAsJsonAsync($"/api/v1/periods/2025Q1/exceptions/{pairings[0]}", new { until = TestEnvironment.Today.AddDays(7).ToString("yyyy-MM-dd"), reason = "台账补录" })).EnsureSuccessStatusCode();
        using (var excepted = await ReportAsync(own, pairings[0], late, 5))
        {
            Assert.Equal(HttpStatusCode.Created, excepted.StatusCode);
        }

        using (var other = await ReportAsync(own, pairings[1], late, 5))
        {
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode); // the exception is for one pairing only
        }

        using (var onBehalf = await ReportAsync(office, pairings[1], late, 5))
        {
            Assert.Equal(HttpStatusCode.Created, onBehalf.StatusCode); // the office is not held by the deadline
        }

        using (var current = await ReportAsync(own, pairings[1], TestEnvironment.Today, 5))
        {
            Assert.Equal(HttpStatusCode.Created, current.StatusCode); // this quarter is open
        }

        (await office.DeleteAsync($"/api/v1/periods/2025Q1/exceptions/{pairings[0]}")).EnsureSuccessStatusCode();
        using (var again = await ReportAsync(own, pairings[0], late.AddDays(1), 5))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/periods/2025Q5")).StatusCode);
    }

    [Fact]
    public async Task The_office_approves_or_returns_reports_the_boards_show_the_reviewed_share_and_the_reporter_hears_of_a_return()
    {
        var today = TestEnvironment.Today;
        var (office, own, helper, pairings) = await HelperWithPairingsAsync("hr", today.AddDays(-1));
        using var first = await ReportAsync(own, pairings[0], today, 30);
        using var second = await ReportAsync(own, pairings[1], today, 10);
        var (firstId, secondId) = (await IdOf(first), await IdOf(second));

        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync($"/api/v1/reports/{firstId}/review", new { decision = "Approve" })).StatusCode);
        var pending = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?pairing={pairings[0]}&year={today.Year}&status=pending");
        Assert.Equal(firstId, Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("report").GetProperty("id").GetString());

        using (var approved = await office.PostAsJsonAsync($"/api/v1/reports/{firstId}/review", new { decision = "Approve" }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        (await office.PostAsJsonAsync($"/api/v1/reports/{firstId}/review", new { decision = "Approve" })).EnsureSuccessStatusCode(); // a retry
        JsonElement figure = default;
        await fixture.Host.PollAsync(async () =>
        {
            figure = (await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/boards/helpers/{helper}?year={today.Year}"))
                .GetProperty("indicators").GetProperty("clinic_person_times");
            return figure.GetProperty("reviewedValue").GetDecimal() == 30;
        }, TimeSpan.FromSeconds(20), "the approved report to count as reviewed");
        Assert.Equal(40, figure.GetProperty("value").GetDecimal());
        Assert.Equal(75.0m, figure.GetProperty("reviewedPercent").GetDecimal());

        using (var noReason = await office.PostAsJsonAsync($"/api/v1/reports/{secondId}/review", new { decision = "Return" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        using (var returned = await office.PostAsJsonAsync($"/api/v1/reports/{secondId}/review", new { decision = "Return", reason = "人次与台账不符" }))
        {
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await office.PostAsJsonAsync($"/api/v1/reports/{secondId}/review", new { decision = "Approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await office.PostAsJsonAsync($"/api/v1/reports/{firstId}/review", new { decision = "Return", reason = "晚了" })).StatusCode);
        await fixture.Host.PollAsync(async () =>
        {
            figure = (await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/boards/helpers/{helper}?year={today.Year}"))
                .GetProperty("indicators").GetProperty("clinic_person_times");
            return figure.GetProperty("value").GetDecimal() == 30;
        }, TimeSpan.FromSeconds(20), "the returned report to leave the total");
        Assert.Equal(100.0m, figure.GetProperty("reviewedPercent").GetDecimal());

        var inbox = await own.GetFromJsonAsync<JsonElement>("/api/v1/inbox");
        var notice = Assert.Single(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "report.returned");
        Assert.Contains("人次与台账不符", notice.GetProperty("body").GetString());
        Assert.StartsWith("填报被退回：审核测试单位 ↔ ", notice.GetProperty("title").GetString()); // names, not the pairing's id
        Assert.Equal($"/report.html?subject=pairing:{pairings[1]}&returned={secondId}", notice.GetProperty("link").GetString());

        // Reversing an approved report takes its reviewed part back with it.
        using (var reverse = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reports/{firstId}/reversal") { Content = JsonContent.Create(new { reason = "更正" }) })
        {
            reverse.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, (await own.SendAsync(reverse)).StatusCode);
        }

        await fixture.Host.PollAsync(async () =>
        {
            figure = (await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/boards/helpers/{helper}?year={today.Year}"))
                .GetProperty("indicators").GetProperty("clinic_person_times");
            return figure.GetProperty("value").GetDecimal() == 0 && figure.GetProperty("reviewedValue").GetDecimal() == 0;
        }, TimeSpan.FromSeconds(20), "the reversal to take the reviewed part back");
    }

    [Fact]
    public async Task The_review_queue_narrows_by_helper_and_indicator_names_subjects_and_reporters_and_approves_a_confirmed_set_in_bulk()
    {
        var today = TestEnvironment.Today;
        var (office, own, helper, pairings) = await HelperWithPairingsAsync("hb", today.AddDays(-1));
        var (_, other, _, otherPairings) = await HelperWithPairingsAsync("hb", today.AddDays(-1));
        var clinics = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var reported = await ReportAsync(own, pairings[i % 2], today, i + 1);
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            clinics.Add(await IdOf(reported));
        }

        using (var training = await TestEnvironment.PostReportAsync(own, pairings[0], today, "talent_training_person_times", 9))
        {
            Assert.Equal(HttpStatusCode.Created, training.StatusCode);
        }

        using (var theirs = await ReportAsync(other, otherPairings[0], today, 7))
        {
            Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        }

        var selection = $"helper={helper}&indicator=clinic_person_times&year={today.Year}";
        var queue = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?status=pending&{selection}&size=2");
        Assert.Equal(5, queue.GetProperty("total").GetInt32());
        var first = queue.GetProperty("items")[0].GetProperty("report");
        Assert.Equal(clinics[4], first.GetProperty("id").GetString()); // newest first
        Assert.StartsWith("审核测试单位 ↔ ", first.GetProperty("subjectName").GetString());
        Assert.Equal("test Helper", first.GetProperty("reporterName").GetString());

        // The office confirmed a number that is no longer true: nothing is approved, and the answer says the number.
        using (var stale = await office.PostAsJsonAsync("/api/v1/reviews/approval", new { filter = new { helper, indicator = "clinic_person_times", year = today.Year }, expected = 4 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("review.count_changed", problem.GetProperty("code").GetString());
            Assert.Equal("5", problem.GetProperty("args").GetProperty("count").GetString());
        }

        Assert.Equal(5, (await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?status=pending&{selection}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync("/api/v1/reviews/approval", new { filter = new { helper }, expected = 6 })).StatusCode);

        // Two at a time: the first call fixes the set, the next ones finish it; a report filed meanwhile is not approved unseen.
        using var started = await office.PostAsJsonAsync("/api/v1/reviews/approval", new { filter = new { helper, indicator = "clinic_person_times", year = today.Year }, expected = 5, limit = 2 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var answer = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("approved").GetInt32());
        Assert.Equal(3, answer.GetProperty("remaining").GetInt32());
        string late;
        using (var meanwhile = await ReportAsync(own, pairings[1], today, 11))
        {
            late = await IdOf(meanwhile);
        }

        var through = answer.GetProperty("through").GetInt64();
        var approved = 2;
        while (answer.GetProperty("remaining").GetInt32() > 0)
        {
            using var next = await office.PostAsJsonAsync("/api/v1/reviews/approval", new { filter = new { helper, indicator = "clinic_person_times", year = today.Year }, through, limit = 2 });
            answer = await next.Content.ReadFromJsonAsync<JsonElement>();
            approved += answer.GetProperty("approved").GetInt32();
        }

        Assert.Equal(5, approved);
        var approvedIds = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?status=approved&{selection}&size=200")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("report").GetProperty("id").GetString()!).ToHashSet();
        Assert.True(approvedIds.SetEquals(clinics));
        var stillPending = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?status=pending&helper={helper}&year={today.Year}&size=200")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("report").GetProperty("id").GetString()!).ToArray();
        Assert.Contains(late, stillPending);
        Assert.Equal(2, stillPending.Length); // the late clinic report and the training report
        Assert.Equal(1, (await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?status=pending&year={today.Year}&pairing={otherPairings[0]}")).GetProperty("total").GetInt32());

        using var unknown = await office.GetAsync($"/api/v1/reviews?indicator=no_such_indicator&year={today.Year}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Reports_are_listed_a_page_at_a_time_each_reporter_its_own_and_a_place_narrows_in_the_same_query()
    {
        var today = TestEnvironment.Today;
        var (office, own, _, pairings) = await HelperWithPairingsAsync("hl", today.AddDays(-1));
        var (_, other, _, otherPairings) = await HelperWithPairingsAsync("hl", today.AddDays(-1));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var reported = await ReportAsync(own, pairings[i % 2], today, i + 1);
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            ids.Add(await IdOf(reported));
        }

        using (var theirs = await ReportAsync(other, otherPairings[0], today, 7))
        {
            Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        }

        static IEnumerable<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!);

        // Pages of two: every one of the helper's reports once, newest first, and the other helper's never.
        var seen = new List<string>();
        var pages = 0;
        for (var next = $"/api/v1/reports?year={today.Year}&size=2"; next is not null; pages++)
        {
            var page = await own.GetFromJsonAsync<JsonElement>(next);
            Assert.Equal(5, page.GetProperty("total").GetInt32());
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        // A place narrows the helper's own reports to those counted there.
        Assert.Equal([ids[4], ids[2], ids[0]], Ids(await own.GetFromJsonAsync<JsonElement>($"/api/v1/reports?year={today.Year}&locality=520524001&size=200")));

        // Another helper naming the pairing, and another county naming this one, read nothing of them.
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>($"/api/v1/reports?pairing={pairings[0]}&year={today.Year}")).GetProperty("total").GetInt32());
        var elsewhere = await fixture.KeyAsync("Locality", "520523");
        Assert.Equal(0, (await elsewhere.GetFromJsonAsync<JsonElement>($"/api/v1/reports?locality=520524&year={today.Year}")).GetProperty("total").GetInt32());

        // The county reads every report in it, without who filed them.
        var county = await fixture.KeyAsync("Locality", "520524");
        var inCounty = (await county.GetFromJsonAsync<JsonElement>($"/api/v1/reports?pairing={pairings[0]}&year={today.Year}&size=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([ids[4], ids[2], ids[0]], inCounty.Select(r => r.GetProperty("id").GetString()));
        Assert.All(inCounty, r => Assert.Equal("", r.GetProperty("reportedBy").GetString()));

        // The review queue is read a page at a time too: a reversed report leaves it, an approved one moves to "approved".
        using (var reversal = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reports/{ids[2]}/reversal") { Content = JsonContent.Create(new { reason = "填错了" }) })
        {
            reversal.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var reversed = await own.SendAsync(reversal);
            Assert.Equal(HttpStatusCode.Created, reversed.StatusCode);
        }

        (await office.PostAsJsonAsync($"/api/v1/reports/{ids[0]}/review", new { decision = "Approve" })).EnsureSuccessStatusCode();
        var pending = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?pairing={pairings[0]}&year={today.Year}&status=pending&size=1");
        Assert.Equal(1, pending.GetProperty("total").GetInt32());
        Assert.Equal(ids[4], Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("report").GetProperty("id").GetString());
        var approved = await office.GetFromJsonAsync<JsonElement>($"/api/v1/reviews?pairing={pairings[0]}&year={today.Year}&status=approved");
        var item = Assert.Single(approved.GetProperty("items").EnumerateArray());
        Assert.Equal(ids[0], item.GetProperty("report").GetProperty("id").GetString());
        Assert.Equal("approved", item.GetProperty("status").GetString());
        Assert.Equal(4, (await own.GetFromJsonAsync<JsonElement>($"/api/v1/reports?year={today.Year}")).GetProperty("total").GetInt32());
    }
}
