using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>When the ledger's database goes away, writes answer 503 with Retry-After (never 500) and readiness says why.</summary>
public sealed class StoreFailureTests
{
    [Fact]
    public async Task Without_its_ledger_a_host_answers_writes_with_503_and_Retry_After_and_is_not_ready()
    {
        var ledger = await TestEnvironment.NewDatabaseAsync("gone");
        var (started, admin) = await HostProcess.StartWithAdminAsync("sf", new Dictionary<string, string> { ["ConnectionStrings:Ledger"] = ledger });
        await using var host = started;
        using var _ = admin;

        // A pairing to report on, then the ledger's database disappears.
        var code = TestEnvironment.NewCreditCode();
        (await admin.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = "故障测试企业" })).EnsureSuccessStatusCode();
        using var start = await admin.PostAsJsonAsync("/api/v1/pairings", new { kind = "EnterpriseVillage", enterpriseCode = code, localityCode = "520581001001", start = "2023-05-01", responsibleStaffId = "staff-002" });
        var pairingId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(TestEnvironment.Postgres))
        {
            await connection.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(ledger).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        using var report = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { pairingId, date = "2023-06-01", values = new { clinic_person_times = 5 } }),
            Headers = { { "Idempotency-Key", "during-outage" } },
        };
        using var answer = await admin.SendAsync(report);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.NotNull(answer.Headers.RetryAfter);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);

        await host.PollAsync(async () =>
        {
            using var ready = await host.Http.GetAsync("/health/ready");
            var body = await ready.Content.ReadAsStringAsync();
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("\"ledger\":{\"status\":\"Unhealthy\"");
        }, TimeSpan.FromSeconds(30), "readiness to report the ledger down");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/live")).StatusCode);
    }
}
