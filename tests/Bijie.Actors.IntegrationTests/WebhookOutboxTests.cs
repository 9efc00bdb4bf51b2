using System.Net.Http.Headers;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The webhook outbox beside the ledger: a delivery waiting for its retry outlives the host that made it.</summary>
public sealed class WebhookOutboxTests
{
    [Fact]
    public async Task A_delivery_pending_when_the_host_is_killed_reaches_the_receiver_after_the_next_start()
    {
        var port = TestEnvironment.FreePort();
        var keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");
        var serviceId = $"whout{Guid.NewGuid():N}";
        var settings = WebhookReceiver.HostSettings(port, maxAttempts: 100);
        settings["Bijie:Mode"] = "SingleNode";
        settings["Bijie:ServiceId"] = serviceId;
        settings["Bijie:ClusterId"] = serviceId;
        settings["Bijie:AdminKeyFile"] = keyFile;
        settings["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables;
        settings["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync("whout");
        var accept = false;
        await using var receiver = new WebhookReceiver(port) { Answer = (_, _) => (Volatile.Read(ref accept) ? 200 : 503, null) };

        string delivery;
        await using (var first = HostProcess.Start(settings))
        {
            await first.WaitReadyAsync();
            using var office = new HttpClient { BaseAddress = first.Http.BaseAddress };
            office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(keyFile)).Trim());
            await WebhookReceiver.SubscribeAsync(office, receiver.Url("/durable"));
            await WebhookReceiver.ReportAsync(office);
            await first.PollAsync(() => Task.FromResult(receiver.At("/durable").Length >= 1), TimeSpan.FromSeconds(30), "a first attempt");
            delivery = receiver.At("/durable")[0].Delivery;
            await first.KillAsync(); // its retry was waiting: in the outbox, not in the dead process
        }

        Volatile.Write(ref accept, true);
        await using var second = HostProcess.Start(settings);
        await second.WaitReadyAsync();
        await second.PollAsync(() => Task.FromResult(receiver.At("/durable").Any(r => r.Delivery == delivery && r.Answered == 200)),
            TimeSpan.FromSeconds(60), "the pending delivery from the restarted host");
        Assert.Single(receiver.At("/durable"), r => r.Answered == 200); // delivered once
        File.Delete(keyFile);
    }
}
