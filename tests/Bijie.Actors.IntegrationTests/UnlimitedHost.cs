namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// A single-node host of a test's own with the rate limits out of the way (RateLimitTests has those): for runs that
/// send thousands of requests about something else (the fuzz, the authorisation suite). The admin key is read and its file removed.
/// </summary>
internal static class UnlimitedHost
{
    public static async Task<(HostProcess Host, string AdminKey)> StartAsync(string prefix)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");
        var serviceId = $"{prefix}{Guid.NewGuid():N}";
        var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "SingleNode",
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["Bijie:AdminKeyFile"] = keyFile,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
            ["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync(prefix),
            ["Bijie:Api:RequestsPerSecondPerKey"] = "100000",
            ["Bijie:Api:AnonymousRequestsPerSecond"] = "100000",
        });
        try
        {
            await host.WaitReadyAsync();
            var adminKey = (await File.ReadAllTextAsync(keyFile)).Trim();
            File.Delete(keyFile);
            return (host, adminKey);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
