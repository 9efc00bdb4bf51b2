using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>Support matters' escalation reminders live in Azure Table storage and outlive the silo that had them.</summary>
public sealed class MatterReminderTests
{
    [Fact]
    public async Task An_overdue_matter_keeps_escalating_after_the_silo_holding_it_is_killed()
    {
        var clusterId = $"r{Guid.NewGuid():N}";
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{clusterId}");
        var ledger = await TestEnvironment.NewDatabaseAsync("matter");
        Dictionary<string, string> Node() => TestEnvironment.ClusterNode(clusterId, new Dictionary<string, string>
        {
            ["Bijie:AdminKeyFile"] = keyFile,
            ["ConnectionStrings:Ledger"] = ledger,
            // Two silos: the survivor's vote alone declares the other dead (production runs three or more).
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
            // Escalate every 3 s instead of every day, so that the test sees several.
            ["Bijie:Reminders:MinimumReminderPeriod"] = "00:00:02",
            ["Bijie:Matters:EscalationInterval"] = "00:00:03",
        });
        await using var a = HostProcess.Start(Node());
        await a.WaitReadyAsync(TimeSpan.FromSeconds(120));
        await using var b = HostProcess.Start(Node());
        await b.WaitReadyAsync(TimeSpan.FromSeconds(120));
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        File.Delete(keyFile);
        HttpClient Admin(HostProcess host)
        {
            var client = new HttpClient { BaseAddress = host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        using var viaA = Admin(a);
        var helperId = $"h{clusterId[..12]}";
        (await viaA.PutAsJsonAsync($"/api/v1/helpers/{helperId}", new { nameZh = "提醒测试单位", kind = "PartyCentralCommittee", strengths = new[] { "Technology" } })).EnsureSuccessStatusCode();
        var today = TestEnvironment.Today;
        var raised = await viaA.PostWithKeyAsync("/api/v1/matters", new
        {
            title = "协调专家服务团", helperId, responsibleStaffId = "staff-007", due = today.AddDays(-1).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonElement matter = default;
        await a.PollAsync(async () =>
        {
            matter = await viaA.GetFromJsonAsync<JsonElement>($"/api/v1/matters/{id}");
            return matter.GetProperty("escalations").GetInt32() >= 1;
        }, TimeSpan.FromSeconds(30), "the first escalation");
        Assert.True(matter.GetProperty("overdue").GetBoolean());

        // Kill the host whose silo holds the matter; the survivor must take over its reminder and its grain.
        var servedBy = matter.GetProperty("servedBy").GetString()!;
        var (victim, survivor) = servedBy.Contains($":{a.SiloPort}") ? (a, b) : (b, a);
        Assert.Contains($":{victim.SiloPort}", servedBy);
        var before = matter.GetProperty("escalations").GetInt32();
        await victim.KillAsync();

        using var viaSurvivor = Admin(survivor);
        await survivor.PollAsync(async () =>
        {
            try
            {
                matter = await viaSurvivor.GetFromJsonAsync<JsonElement>($"/api/v1/matters/{id}");
                return matter.GetProperty("escalations").GetInt32() >= before + 2;
            }
            catch (HttpRequestException)
            {
                return false; // the cluster is still noticing the dead silo
            }
        }, TimeSpan.FromSeconds(90), "two more escalations after the kill");
        Assert.Contains($":{survivor.SiloPort}", matter.GetProperty("servedBy").GetString());

        // Concluded, it is no longer overdue; the list says so too.
        foreach (var step in new[] { "Undertaken", "Concluded" })
        {
            (await viaSurvivor.PostAsJsonAsync($"/api/v1/matters/{id}/steps", new { step })).EnsureSuccessStatusCode();
        }

        var overdue = await viaSurvivor.GetFromJsonAsync<JsonElement>("/api/v1/matters?status=overdue");
        Assert.DoesNotContain(overdue.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        var closed = await viaSurvivor.GetFromJsonAsync<JsonElement>("/api/v1/matters?status=closed");
        Assert.Contains(closed.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetString() == id);
    }
}
