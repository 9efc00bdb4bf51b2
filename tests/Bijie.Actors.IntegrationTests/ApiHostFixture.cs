using System.Net.Http.Headers;

namespace Bijie.Actors.IntegrationTests;

/// <summary>One single-node host on Azurite and PostgreSQL, shared by the API tests of a class; each test uses fresh keys.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");

    public HostProcess Host { get; private set; } = null!;

    /// <summary>The admin key the host's first start created.</summary>
    public string AdminKey { get; private set; } = "";

    public string AdminKeyFile => keyFile;

    public async Task InitializeAsync()
    {
        var serviceId = $"api{Guid.NewGuid():N}";
        Host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "SingleNode",
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["Bijie:AdminKeyFile"] = keyFile,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
            ["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync("api"),
        });
        await Host.WaitReadyAsync();
        AdminKey = (await File.ReadAllTextAsync(keyFile)).Trim();
    }

    /// <summary>A client of the host that sends this key (none: anonymous).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        File.Delete(keyFile);
    }
}
