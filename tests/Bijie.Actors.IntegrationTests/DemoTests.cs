using System.Net;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The demo programme, loaded into an empty store by a real host, reproduces the article's table.</summary>
public sealed class DemoTests
{
    /// <summary>The published figures for 2023 (source article, 2024-11-22), as the city board must show them.</summary>
    private static readonly Dictionary<string, decimal> Published = new()
    {
        ["research_visit_batches"] = 76,
        ["research_visit_person_times"] = 1718,
        ["regional_projects_new"] = 264,
        ["projects_total"] = 656,
        ["township_pairing_units"] = 108,
        ["township_pairing_townships"] = 74,
        ["enterprise_pairing_enterprises"] = 508,
        ["enterprise_pairing_villages"] = 551,
        ["expert_service_batches"] = 21,
        ["expert_service_person_times"] = 300,
        ["investment_visits"] = 90,
        ["investment_signed_yuan"] = 18092000000,
        ["investment_landed_yuan"] = 2758000000,
        ["education_training_person_times"] = 213200,
        ["clinic_person_times"] = 27600,
        ["talent_training_person_times"] = 66200,
        ["library_projects"] = 421,
        ["planned_projects_next_year"] = 42,
    };

    private static Dictionary<string, string> Host(string ledger, string serviceId) => new()
    {
        ["Bijie:Mode"] = "SingleNode",
        ["Bijie:ServiceId"] = serviceId,
        ["Bijie:ClusterId"] = serviceId,
        ["Bijie:Demo"] = "OnEmptyStore",
        ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
        ["ConnectionStrings:Ledger"] = ledger,
    };

    [Fact]
    public async Task The_demo_loads_into_an_empty_store_and_the_city_board_for_2023_shows_the_published_figures()
    {
        var ledger = await TestEnvironment.NewDatabaseAsync("demo");
        var serviceId = $"demo{Guid.NewGuid():N}";
        await using (var host = HostProcess.Start(Host(ledger, serviceId)))
        {
            await host.PollAsync(async () => (await host.Http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the host to be live");
            using (var early = await host.Http.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode); // the demo takes tens of seconds
            }

            await host.WaitReadyAsync(TimeSpan.FromSeconds(180));
            await AssertPublishedFiguresAsync(host);

            var jinshan = await host.GetJsonAsync("/api/v1/boards/520527004002?year=2023");
            Assert.Equal(2m, Figure(jinshan, "enterprise_pairing_enterprises").GetProperty("value").GetDecimal());
            var nonggong = await host.GetJsonAsync("/api/v1/boards/helpers/nonggong-central?year=2023");
            Assert.True(Figure(nonggong, "research_visit_person_times").GetProperty("value").GetDecimal() > 0);
            await host.StopAsync();
        }

        // The same deployment restarted: every grain reads back the state the demo stored (helpers' strengths,
        // projects' milestones), which the storage's JSON must be able to name.
        await using (var restarted = HostProcess.Start(Host(ledger, serviceId)))
        {
            await restarted.WaitReadyAsync(TimeSpan.FromSeconds(120));
            foreach (var (helper, strengths) in new[] { ("wchscu", 1), ("cves", 2) })
            {
                var profile = await restarted.GetJsonAsync($"/api/v1/helpers/{helper}");
                Assert.Equal(strengths, profile.GetProperty("strengths").GetArrayLength());
            }

            await AssertPublishedFiguresAsync(restarted);
            await restarted.StopAsync();
        }

        // Another deployment on the same ledger: nothing of its grain state exists, every figure is rebuilt from
        // the ledger, and the demo is not loaded a second time into a store that holds entries.
        await using (var again = HostProcess.Start(Host(ledger, $"demo{Guid.NewGuid():N}")))
        {
            await again.WaitReadyAsync(TimeSpan.FromSeconds(120));
            await AssertPublishedFiguresAsync(again);
            Assert.Equal("Skipped", (await again.GetAdminJsonAsync("/api/v1/system")).GetProperty("programme").GetProperty("demo").GetString());
        }
    }

    private static async Task AssertPublishedFiguresAsync(HostProcess host)
    {
        var board = await host.GetJsonAsync("/api/v1/boards/5205?year=2023");
        Assert.Equal(2023, board.GetProperty("year").GetInt32());
        foreach (var (code, value) in Published)
        {
            Assert.True(Figure(board, code).GetProperty("value").GetDecimal() == value, $"{code}: expected {value}, board shows {Figure(board, code)}");
        }

        var visits = Figure(board, "research_visit_person_times");
        Assert.Equal(607m, visits.GetProperty("previousValue").GetDecimal());
        Assert.Equal(183.03m, visits.GetProperty("yoyPercent").GetDecimal());
        var regional = Figure(board, "regional_projects_new");
        Assert.Equal(158m, regional.GetProperty("previousValue").GetDecimal());
        Assert.Equal(67.09m, regional.GetProperty("yoyPercent").GetDecimal());
    }

    private static JsonElement Figure(JsonElement board, string code) => board.GetProperty("indicators").GetProperty(code);
}
