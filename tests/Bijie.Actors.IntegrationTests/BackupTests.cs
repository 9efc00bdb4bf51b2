using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>deploy/backup.sh and deploy/restore.sh: the restore drill on one host's ledger and grain state.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_restored_after_the_data_is_lost_serves_what_it_held_and_nothing_after_it()
    {
        var ledger = await TestEnvironment.NewDatabaseAsync("backup");
        var database = new Npgsql.NpgsqlConnectionStringBuilder(ledger).Database!;
        var serviceId = $"bk{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Ledger"] = ledger,
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
        };
        var (host, admin) = await HostProcess.StartWithAdminAsync("bk", settings);
        var today = TestEnvironment.Today;
        string pairingId, lateReport;
        await using (host)
        {
            (await admin.PutAsJsonAsync("/api/v1/helpers/backup-helper", new { nameZh = "备份演练单位", kind = "PartyCentralCommittee", strengths = new[] { "Health" } })).EnsureSuccessStatusCode();
            using var started = await admin.PostAsJsonAsync("/api/v1/pairings", new { kind = "Township", helperId = "backup-helper", localityCode = "520525001", start = today.AddDays(-3).ToString("yyyy-MM-dd"), responsibleStaffId = "staff-002" });
            pairingId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await ReportAsync(admin, pairingId, today, 7);
            await ReportAsync(admin, pairingId, today, 5);
            await host.PollAsync(async () => await ClinicsAsync(admin, today.Year) == 12, TimeSpan.FromSeconds(20), "the city board to count both reports");

            var dir = Path.Combine(Path.GetTempPath(), $"bijie-backup-{serviceId}");
            await ScriptAsync("backup.sh", database, serviceId, "test", dir);
            var manifest = await File.ReadAllTextAsync(Path.Combine(dir, "manifest.txt"));
            Assert.Matches(@"table_rows: BijieGrainState [1-9]\d* rows", manifest);
            // The backup's ledger verifies: the chain the host wrote, its subjects' heads and snapshots.
            var verified = await ScriptAsync("verify-ledger.sh", database, serviceId, dir);
            Assert.Contains("verify: intact", verified);
            Assert.Matches(@"verify: ([1-9]\d*) entries, \1 chained from position 1", verified);

            // Acknowledged after the backup: a restore of it does not hold this one.
            lateReport = await ReportAsync(admin, pairingId, today, 100);
            await host.StopAsync();

            await ScriptAsync("restore.sh", database, serviceId, dir, "test");
            Directory.Delete(dir, recursive: true);
        }

        await using var restored = HostProcess.Start(settings);
        await restored.WaitReadyAsync();
        // The admin key is grain state too: it came back.
        using var again = new HttpClient { BaseAddress = restored.Http.BaseAddress };
        again.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        admin = again;
        Assert.Equal("备份演练单位", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/helpers/backup-helper")).GetProperty("nameZh").GetString());
        Assert.Equal("active", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/pairings/{pairingId}")).GetProperty("status").GetString());
        await restored.PollAsync(async () => await ClinicsAsync(admin, today.Year) == 12, TimeSpan.FromSeconds(30), "the restored city board to count the two reports of the backup");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/reports/{lateReport}")).StatusCode);
    }

    private static async Task<decimal> ClinicsAsync(HttpClient client, int year) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/boards/5205?year={year}")).GetProperty("indicators").GetProperty("clinic_person_times").GetProperty("value").GetDecimal();

    private static async Task<string> ReportAsync(HttpClient client, string pairingId, DateOnly date, decimal clinics)
    {
        using var response = await TestEnvironment.PostReportAsync(client, pairingId, date, "clinic_person_times", clinics);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> ScriptAsync(string script, string database, string serviceId, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["BIJIE_DATABASE"] = database;
        info.Environment["BIJIE_SERVICE_ID"] = serviceId;
        info.Environment["BIJIE_VERIFY_INSTANCE"] = "test";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"deploy/{script} failed: {stderr}");
        return await stdout;
    }
}
