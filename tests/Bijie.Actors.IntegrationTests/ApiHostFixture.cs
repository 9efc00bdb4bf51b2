using System.Net.Http.Json;
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
            // Every sign-in of a test class comes from 127.0.0.1; the per-address sign-in limit has a test of its own (RateLimitTests).
            ["Bijie:Api:SignInsPerMinutePerAddress"] = "6000",
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

    /// <summary>A client with a fresh key of a role (and the organisation it speaks for), issued with the admin key.</summary>
    public async Task<HttpClient> KeyAsync(string role, string? organizationId = null)
    {
        using var admin = Client(AdminKey);
        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { owner = $"test {role}", role, organizationId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return Client(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        File.Delete(keyFile);
    }
}
