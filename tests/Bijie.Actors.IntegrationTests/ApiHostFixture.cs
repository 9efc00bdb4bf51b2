namespace Bijie.Actors.IntegrationTests;

/// <summary>One single-node host on Azurite, shared by the API tests of a class; each test uses fresh keys.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var serviceId = $"api{Guid.NewGuid():N}";
        Host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "SingleNode",
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
        });
        await Host.WaitReadyAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
