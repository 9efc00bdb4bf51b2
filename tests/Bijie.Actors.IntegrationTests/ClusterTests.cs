using System.Net;
using System.Text.Json;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>Hosts in cluster mode: membership in PostgreSQL through our own ADO.NET clustering schema.</summary>
public sealed class ClusterTests
{
    private const int Dead = 6;

    private static Dictionary<string, string> ClusterNode(string clusterId) => TestEnvironment.ClusterNode(clusterId);

    [Fact]
    public async Task Two_hosts_form_one_cluster_and_the_survivor_serves_after_the_other_is_killed()
    {
        var clusterId = $"t{Guid.NewGuid():N}";
        await using var a = HostProcess.Start(ClusterNode(clusterId));
        await using var b = HostProcess.Start(ClusterNode(clusterId));
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());

        // Both hosts reach the same activation of the programme grain, which saw both hosts start.
        var viaA = (await a.GetAdminJsonAsync("/api/v1/system")).GetProperty("programme");
        var viaB = (await b.GetAdminJsonAsync("/api/v1/system")).GetProperty("programme");
        Assert.Equal(2, viaA.GetProperty("hostStarts").GetInt64());
        Assert.Equal(viaA.GetProperty("servedBy").GetString(), viaB.GetProperty("servedBy").GetString());
        Assert.Equal(2, (await MembersAsync(clusterId)).Count(m => m.Status == 3));

        // Kill the host whose silo holds the activation, so the survivor must take the grain over.
        var servedBy = viaA.GetProperty("servedBy").GetString()!;
        var (victim, survivor) = servedBy.Contains($":{a.SiloPort}@") ? (a, b) : (b, a);
        Assert.Contains($":{victim.SiloPort}@", servedBy);
        await victim.KillAsync();

        JsonElement after = default;
        await survivor.PollAsync(async () =>
        {
            using var response = await survivor.AdminGetAsync("/api/v1/system");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            after = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("programme").Clone();
            return true;
        }, TimeSpan.FromSeconds(90), "the survivor to serve the programme grain");
        Assert.Contains($":{survivor.SiloPort}@", after.GetProperty("servedBy").GetString());
        Assert.Equal(2, after.GetProperty("hostStarts").GetInt64());

        await survivor.PollAsync(async () =>
            (await MembersAsync(clusterId)).Any(m => m.Port == victim.SiloPort && m.Status == Dead),
            TimeSpan.FromSeconds(90), "the membership table to mark the killed silo dead");
        var members = await MembersAsync(clusterId);
        Assert.Contains(members, m => m.Port == survivor.SiloPort && m.Status == 3);
        using var ready = await survivor.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<List<(int Port, int Status)>> MembersAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT port, status FROM orleans_membership WHERE deployment_id = @id", connection);
        command.Parameters.AddWithValue("id", clusterId);
        var members = new List<(int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return members;
    }
}
