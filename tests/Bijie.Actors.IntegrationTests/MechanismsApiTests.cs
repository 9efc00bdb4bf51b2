using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The working mechanisms end to end over HTTP: needs matched to strengths, support matters.</summary>
public sealed class MechanismsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static string Deadline => DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_county_posts_a_need_the_office_matches_the_first_candidate_and_the_boards_count_it()
    {
        var office = await fixture.KeyAsync("Office");
        var helper = $"hn{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "需求测试单位", kind = "PartyCentralCommittee", strengths = new[] { "Education" } })).EnsureSuccessStatusCode();
        (await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = helper, localityCode = "520523001", start = "2024-03-01", responsibleStaffId = "staff-003" }))
            .EnsureSuccessStatusCode();

        var county = await fixture.KeyAsync("Locality", "520523");
        using (var elsewhere = await county.PostWithKeyAsync("/api/v1/needs", new { domain = "Education", localityCode = "520524001", title = "别处的需求", budgetYuan = 1000, deadline = Deadline }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        }

        using (var bad = await county.PostWithKeyAsync("/api/v1/needs", new { domain = "Education", localityCode = "520523001", title = "", budgetYuan = -5, deadline = Deadline }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }

        using var posted = await county.PostWithKeyAsync("/api/v1/needs", new
        {
            domain = "Education", localityCode = "520523001001", title = "乡村学校师资培训", description = "两期骨干教师培训", budgetYuan = 350000.50m, urgency = "High", deadline = Deadline,
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync($"/api/v1/needs/{id}/candidates")).StatusCode);

        // The list is paged like every other: a page of one names the next page and the total.
        var listed = await county.GetFromJsonAsync<JsonElement>("/api/v1/needs?locality=520523001001&size=1");
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.GetAsync("/api/v1/needs?size=201")).StatusCode);

        JsonElement first = default;
        await fixture.Host.PollAsync(async () =>
        {
            first = (await office.GetFromJsonAsync<JsonElement>($"/api/v1/needs/{id}/candidates?count=5"))[0];
            return first.GetProperty("helperId").GetString() == helper;
        }, TimeSpan.FromSeconds(20), "the helper that fits to come first");
        Assert.True(first.GetProperty("domainFit").GetBoolean());
        Assert.True(first.GetProperty("reasons").GetArrayLength() >= 2);

        using var matched = await office.PostAsJsonAsync($"/api/v1/needs/{id}/match", new { helperId = helper, responsibleStaffId = "staff-009" });
        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        var projectId = (await matched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetString();
        var project = await office.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}");
        Assert.Equal("InLibrary", project.GetProperty("status").GetString());
        Assert.Equal(helper, project.GetProperty("leadHelperId").GetString());
        Assert.Equal(350000.50m, project.GetProperty("money").GetProperty("plannedYuan").GetDecimal());

        var summary = await fixture.Client().GetFromJsonAsync<JsonElement>("/api/v1/needs/summary?locality=520523"); // public, as boards are
        Assert.Equal(1, summary.GetProperty("byDomain").GetProperty("education").GetProperty("Matched").GetInt32());
        Assert.Equal(1, summary.GetProperty("byCounty").GetProperty("520523").GetProperty("Matched").GetInt32());
        Assert.True(summary.GetProperty("meanDaysToMatch").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_support_matter_refuses_a_skipped_step_and_only_its_helper_undertakes_it()
    {
        var office = await fixture.KeyAsync("Office");
        var helper = $"hm{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "事项测试单位", kind = "PartyCentralCommittee", strengths = Array.Empty<string>() })).EnsureSuccessStatusCode();
        using var raised = await office.PostWithKeyAsync("/api/v1/matters", new { title = "协调电商培训", helperId = helper, responsibleStaffId = "staff-004", due = Deadline });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using (var skipped = await office.PostAsJsonAsync($"/api/v1/matters/{id}/steps", new { step = "FedBack" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, skipped.StatusCode);
            Assert.Contains("Undertaken", (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }

        var stranger = await fixture.KeyAsync("Helper", await OtherHelperAsync(office));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/matters/{id}")).StatusCode);
        // Not its matter: the same 404 as no matter at all, before anything about its step or version.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/matters/{id}/steps", new { step = "Undertaken" })).StatusCode);

        var own = await fixture.KeyAsync("Helper", helper);
        Assert.Single((await own.GetFromJsonAsync<JsonElement>("/api/v1/matters")).GetProperty("items").EnumerateArray());
        using var undertaken = await own.PostAsJsonAsync($"/api/v1/matters/{id}/steps", new { step = "Undertaken", note = "已对接" });
        Assert.Equal(HttpStatusCode.OK, undertaken.StatusCode);
        Assert.Equal("\"2\"", undertaken.Headers.ETag?.Tag);
        var matter = await office.GetFromJsonAsync<JsonElement>($"/api/v1/matters/{id}");
        Assert.Equal("Undertaken", matter.GetProperty("step").GetString());
        Assert.False(matter.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task The_since_1988_board_adds_to_the_published_history_only_what_came_after_it()
    {
        var office = await fixture.KeyAsync("Office");
        static async Task<JsonElement> FigureAsync(HttpClient client, string code) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/boards/since-1988")).EnumerateArray().Single(f => f.GetProperty("code").GetString() == code);
        var before = await FigureAsync(fixture.Client(), "projects_total"); // public, as boards are
        Assert.Equal(3773m, before.GetProperty("history").GetDecimal());
        Assert.Equal(2024, before.GetProperty("throughYear").GetInt32());
        Assert.Equal(2600m, (await FigureAsync(office, "proposals")).GetProperty("total").GetDecimal());

        var helper = $"hh{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "历史测试单位", kind = "Unit", strengths = Array.Empty<string>() })).EnsureSuccessStatusCode();
        async Task StartProjectAsync(int year)
        {
            using var proposed = await office.PostWithKeyAsync("/api/v1/projects", new
            {
                title = $"{year} 年项目", track = "Health", localityCode = "520521", leadHelperId = helper, responsibleStaffId = "staff-001", proposedOn = $"{year}-02-01",
            });
            var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            foreach (var step in new object[] { new { to = "InLibrary", on = $"{year}-02-02" }, new { to = "Planned", on = $"{year}-02-03", plannedYear = year }, new { to = "InProgress", on = $"{year}-03-01" } })
            {
                (await office.PostAsJsonAsync($"/api/v1/projects/{id}/transitions", step)).EnsureSuccessStatusCode();
            }
        }

        await StartProjectAsync(2023); // inside the history: not added again
        await StartProjectAsync(2025); // after it: added
        var expected = before.GetProperty("total").GetDecimal() + 1;
        await fixture.Host.PollAsync(async () => (await FigureAsync(office, "projects_total")).GetProperty("total").GetDecimal() == expected,
            TimeSpan.FromSeconds(20), "the 2025 project on the since-1988 board");
        await fixture.Host.PollAsync(async () => (await office.GetFromJsonAsync<JsonElement>($"/api/v1/projects?helper={helper}")).GetProperty("total").GetInt32() == 2,
            TimeSpan.FromSeconds(20), "both projects in the roll-ups");
        Assert.Equal(expected, (await FigureAsync(office, "projects_total")).GetProperty("total").GetDecimal());

        // A corrected total replaces the one with its code; a bad one is refused and changes nothing.
        using var bad = await office.PutAsJsonAsync("/api/v1/history", new[] { new { code = "plans", nameZh = "规划", nameEn = "Plans", unit = "个", value = -1, throughYear = 2024 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(40m, (await FigureAsync(office, "plans")).GetProperty("history").GetDecimal());
    }

    [Fact]
    public async Task The_office_sees_what_needs_an_update_and_reminds_the_responsible_persons()
    {
        var office = await fixture.KeyAsync("Office");
        var helper = $"hs{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "督促测试单位", kind = "Unit", strengths = Array.Empty<string>() })).EnsureSuccessStatusCode();
        var start = DateTime.UtcNow.AddDays(-120).ToString("yyyy-MM-dd");
        using var started = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = helper, localityCode = "520524002", start, responsibleStaffId = "staff-021" });
        var pairingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        JsonElement list = default;
        await fixture.Host.PollAsync(async () =>
        {
            // Narrowed to the person and the township, the list is short enough for one page.
            list = await office.GetFromJsonAsync<JsonElement>("/api/v1/supervision?staff=staff-021&locality=520524002&reason=no_recent_report&size=200");
            return list.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("subjectId").GetString() == pairingId);
        }, TimeSpan.FromSeconds(20), "the silent pairing on the list");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("subjectId").GetString() == pairingId);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal("staff-021", i.GetProperty("responsibleStaffId").GetString()));
        Assert.Equal("no_recent_report", item.GetProperty("reason").GetString());
        Assert.StartsWith("督促测试单位 ↔ ", item.GetProperty("name").GetString()); // names, not ids
        Assert.False(string.IsNullOrEmpty(item.GetProperty("responsibleName").GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("daysSilent").ValueKind); // it never reported: no day count from its start
        Assert.Equal(0, (await office.GetFromJsonAsync<JsonElement>("/api/v1/supervision?staff=staff-021&locality=520524002&reason=milestone_past_due")).GetProperty("items")
            .EnumerateArray().Count(i => i.GetProperty("subjectId").GetString() == pairingId));
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync("/api/v1/supervision?reason=late")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.KeyAsync("Helper", helper)).GetAsync("/api/v1/supervision")).StatusCode);

        using var reminded = await office.PostAsync("/api/v1/supervision/reminders", null);
        Assert.True((await reminded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reminded").GetInt32() >= 1);
        var inbox = await office.GetFromJsonAsync<JsonElement>("/api/v1/inbox");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supervision.update_needed");
    }

    private static async Task<string> OtherHelperAsync(HttpClient office)
    {
        var other = $"ho{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{other}", new { nameZh = "旁观单位", kind = "Unit", strengths = Array.Empty<string>() })).EnsureSuccessStatusCode();
        return other;
    }
}
