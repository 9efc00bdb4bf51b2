using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>Research visits, expert teams and platforms over HTTP: the only source of the research_visit_* and expert_service_* figures.</summary>
public sealed class EngagementsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private async Task<decimal> FigureAsync(string board, string indicator, int year) =>
        (await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/boards/{board}?year={year}"))
            .GetProperty("indicators").GetProperty(indicator).GetProperty("value").GetDecimal();

    private Task WaitForFigureAsync(string board, string indicator, int year, decimal expected) =>
        fixture.Host.PollAsync(async () => await FigureAsync(board, indicator, year) == expected, TimeSpan.FromSeconds(20), $"{indicator} on {board} to be {expected}");

    private async Task<string> HelperAsync(HttpClient office, string prefix)
    {
        var helper = $"{prefix}{Guid.NewGuid():N}"[..20];
        (await office.PutAsJsonAsync($"/api/v1/helpers/{helper}", new { nameZh = "调研测试单位", kind = "PartyCentralCommittee", strengths = new[] { "Technology" } })).EnsureSuccessStatusCode();
        return helper;
    }

    [Fact]
    public async Task A_recorded_visit_counts_a_batch_and_its_person_times_where_it_went_and_its_withdrawal_takes_them_back()
    {
        var office = await fixture.KeyAsync("Office");
        var helper = await HelperAsync(office, "hv");
        var own = await fixture.KeyAsync("Helper", helper);
        var day = TestEnvironment.Today.AddDays(-10);
        var county = "520523";
        var before = await FigureAsync(county, "research_visit_person_times", day.Year);

        // A report can no longer carry what visits record.
        var pairing = await office.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = helper, localityCode = "520523001", start = day.AddDays(-30).ToString("yyyy-MM-dd"), responsibleStaffId = "staff-003" });
        var pairingId = (await pairing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using (var refused = await TestEnvironment.PostReportAsync(own, pairingId, day, "research_visit_batches", 1))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("visits", await refused.Content.ReadAsStringAsync());
        }

        // Bad input names the field and records nothing.
        using (var bad = await own.PostWithKeyAsync("/api/v1/visits", new { batch = "第1批", helperId = helper, personTimes = 12, places = new[] { "520523", "999999" }, from = day.ToString("yyyy-MM-dd") }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("places[1]", out _));
        }

        using (var others = await own.PostWithKeyAsync("/api/v1/visits", new { batch = "第1批", helperId = "minge-central", personTimes = 12, places = new[] { county }, from = day.ToString("yyyy-MM-dd") }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        }

        var visit = new
        {
            batch = "2026年第1批", helperId = helper, track = "Regional", people = new[] { "带队负责人" }, personTimes = 12,
            places = new[] { "520523001", "520523002" }, from = day.ToString("yyyy-MM-dd"), to = day.AddDays(2).ToString("yyyy-MM-dd"), note = "调研教育帮扶",
        };
        var retryKey = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> RecordAsync(HttpClient client, object body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/visits") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }

        // The id is the server's: a client cannot choose one (and so cannot take another's pairing id, or one to come).
        using (var chosen = await RecordAsync(own, new { id = "ts-minge-central-520523001", visit.batch, visit.helperId, visit.personTimes, visit.places, visit.from }, Guid.NewGuid().ToString()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
            Assert.Equal("visit.id", (await chosen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        using var recorded = await RecordAsync(own, visit, retryKey);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var recordedBody = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        var id = recordedBody.GetProperty("id").GetString()!;
        Assert.StartsWith("visit-", id);
        Assert.DoesNotContain(helper, id); // nothing of the caller's choosing or naming in it
        using (var again = await RecordAsync(own, visit, retryKey))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the same key again is a retry, counted once
            Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        }

        using (var changed = await RecordAsync(own, visit with { personTimes = 13 }, retryKey))
        {
            Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        }

        // Two townships of one county: one batch for the county, one for each township, once for the helper.
        await WaitForFigureAsync($"helpers/{helper}", "research_visit_batches", day.Year, 1);
        await WaitForFigureAsync($"helpers/{helper}", "research_visit_person_times", day.Year, 12);
        await WaitForFigureAsync(county, "research_visit_person_times", day.Year, before + 12);
        Assert.Equal(1, await FigureAsync($"helpers/{helper}", "research_visit_batches", day.Year));

        var listed = await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/visits?helper={helper}&year={day.Year}");
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        var elsewhere = await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/visits?helper={helper}&locality=520521&year={day.Year}");
        Assert.Equal(0, elsewhere.GetProperty("total").GetInt32()); // helper= and locality= narrow together

        // The visit's entry cannot be reversed as if it were a report; withdrawing it takes its figures back.
        var entryId = recordedBody.GetProperty("entryId").GetString();
        using (var reverse = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reports/{entryId}/reversal") { Content = JsonContent.Create(new { reason = "错报" }) })
        {
            reverse.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var refused = await own.SendAsync(reverse);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        using (var withdrawn = await own.PostAsJsonAsync($"/api/v1/visits/{id}/withdraw", new { reason = "批次重复录入" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
            Assert.NotEqual(JsonValueKind.Null, (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("withdrawnAt").ValueKind);
        }

        await WaitForFigureAsync($"helpers/{helper}", "research_visit_person_times", day.Year, 0);
        await WaitForFigureAsync(county, "research_visit_person_times", day.Year, before);
    }

    [Fact]
    public async Task An_expert_teams_service_batches_count_where_it_served_once_per_key_and_platforms_are_listed_by_place()
    {
        var office = await fixture.KeyAsync("Office");
        var helper = await HelperAsync(office, "he");
        var team = $"team-{Guid.NewGuid():N}"[..20];
        using (var bad = await office.PutAsJsonAsync($"/api/v1/expert-teams/{team}", new { nameZh = "科技专家服务团", kind = "ServiceTeam", track = "Technology", helperIds = new[] { "no-such-helper" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        (await office.PutAsJsonAsync($"/api/v1/expert-teams/{team}", new
        {
            nameZh = "科技专家服务团", kind = "ServiceTeam", track = "Technology", helperIds = new[] { helper },
            experts = new[] { new { name = "农业技术专家", field = "农学", affiliation = "农业大学" } },
        })).EnsureSuccessStatusCode();

        var day = TestEnvironment.Today.AddDays(-5);
        var own = await fixture.KeyAsync("Helper", helper);
        var stranger = await fixture.KeyAsync("Helper", await HelperAsync(office, "hs"));
        async Task<HttpResponseMessage> BatchAsync(HttpClient client, string key, int personTimes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/expert-teams/{team}/batches")
            {
                Content = JsonContent.Create(new { batch = "第1批", places = new[] { "520502" }, from = day.ToString("yyyy-MM-dd"), to = day.AddDays(1).ToString("yyyy-MM-dd"), personTimes }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var technologyBefore = await FigureAsync("domains/technology", "expert_service_person_times", day.Year);
        Assert.Equal(HttpStatusCode.Forbidden, (await BatchAsync(stranger, Guid.NewGuid().ToString(), 9)).StatusCode);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await BatchAsync(own, key, 9)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BatchAsync(own, key, 9)).StatusCode); // a retry: the same batch
        Assert.Equal(HttpStatusCode.Conflict, (await BatchAsync(own, key, 10)).StatusCode);
        await WaitForFigureAsync($"helpers/{helper}", "expert_service_person_times", day.Year, 9);
        await WaitForFigureAsync("domains/technology", "expert_service_person_times", day.Year, technologyBefore + 9);
        Assert.Equal(1, await FigureAsync($"helpers/{helper}", "expert_service_batches", day.Year));

        var listed = await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/expert-teams?helper={helper}&track=Technology");
        Assert.Equal(team, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(0, (await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/expert-teams?helper={helper}&track=Health")).GetProperty("total").GetInt32());
        var view = await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/expert-teams/{team}");
        Assert.Equal("农业技术专家", view.GetProperty("team").GetProperty("experts")[0].GetProperty("name").GetString());
        Assert.Equal(1, view.GetProperty("batches").GetArrayLength());

        var platform = $"pf-{Guid.NewGuid():N}"[..20];
        using (var bad = await office.PutAsJsonAsync($"/api/v1/platforms/{platform}", new { nameZh = "科技小院", kind = "ScienceBackyard", localityCode = "52052", helperIds = new[] { helper }, establishedOn = "2023-06-01" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await own.PutAsJsonAsync($"/api/v1/platforms/{platform}", new { nameZh = "科技小院", kind = "ScienceBackyard", localityCode = "520502", helperIds = new[] { helper }, establishedOn = "2023-06-01" })).StatusCode);
        (await office.PutAsJsonAsync($"/api/v1/platforms/{platform}", new { nameZh = "科技小院", kind = "ScienceBackyard", track = "Technology", localityCode = "520502001", helperIds = new[] { helper }, establishedOn = "2023-06-01" }))
            .EnsureSuccessStatusCode();
        var here = await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/platforms?locality=520502&helper={helper}");
        Assert.Equal(platform, Assert.Single(here.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/platforms?locality=520523&helper={helper}")).GetProperty("items").EnumerateArray());
        Assert.Equal(platform, Assert.Single((await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/platforms?locality=520502001&kind=ScienceBackyard&helper={helper}"))
            .GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await fixture.Client().GetFromJsonAsync<JsonElement>($"/api/v1/platforms?kind=AcademicianWorkstation&helper={helper}")).GetProperty("items").EnumerateArray());
    }
}
