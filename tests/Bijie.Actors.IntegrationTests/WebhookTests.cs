using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>One host whose only allowed inside destination is 127.0.0.1 at <see cref="ReceiverPort"/> (by plain http).</summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"bijie-admin-{Guid.NewGuid():N}");

    public int ReceiverPort { get; } = TestEnvironment.FreePort();

    public HostProcess Host { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var serviceId = $"wh{Guid.NewGuid():N}";
        var settings = WebhookReceiver.HostSettings(ReceiverPort, maxAttempts: 3);
        settings["Bijie:Mode"] = "SingleNode";
        settings["Bijie:ServiceId"] = serviceId;
        settings["Bijie:ClusterId"] = serviceId;
        settings["Bijie:AdminKeyFile"] = keyFile;
        settings["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables;
        settings["ConnectionStrings:Ledger"] = await TestEnvironment.NewDatabaseAsync("webhooks");
        Host = HostProcess.Start(settings);
        await Host.WaitReadyAsync();
        AdminKey = (await File.ReadAllTextAsync(keyFile)).Trim();
    }

    public HttpClient Office()
    {
        var client = new HttpClient { BaseAddress = Host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        File.Delete(keyFile);
    }
}

/// <summary>Webhooks: signed deliveries to the one allowed receiver, and no way to reach anything else inside.</summary>
public sealed class WebhookTests(WebhookHostFixture fixture) : IClassFixture<WebhookHostFixture>
{
    [Fact]
    public async Task A_report_reaches_a_subscribed_receiver_signed_and_retried_until_it_answers_200()
    {
        using var office = fixture.Office();
        await using var receiver = new WebhookReceiver(fixture.ReceiverPort) { Answer = (_, before) => (before < 2 ? 500 : 200, null) }; // fails twice, then takes it

        using (var bad = await office.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://127.0.0.1/x", events = new[] { "report.accepted" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var bad = await office.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url("/hook"), events = new[] { "report.lost" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        const string secret = "a-secret-of-the-receivers-own-32";
        var subscription = await WebhookReceiver.SubscribeAsync(office, receiver.Url("/hook"), secret);
        Assert.DoesNotContain(secret, await office.GetStringAsync("/api/v1/webhooks"));

        var reportId = await WebhookReceiver.ReportAsync(office);

        await fixture.Host.PollAsync(() => Task.FromResult(receiver.At("/hook").Length >= 3), TimeSpan.FromSeconds(30), "three attempts at the receiver");
        var attempts = receiver.At("/hook");
        Assert.Single(attempts.Select(a => a.Delivery).Distinct()); // one delivery, tried three times
        foreach (var a in attempts)
        {
            Assert.Equal("report.accepted", a.Event);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{a.Timestamp}.{a.Body}")));
            Assert.Equal($"sha256={expected}", a.Signature);
            var forged = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("another secret"), Encoding.UTF8.GetBytes($"{a.Timestamp}.{a.Body}")));
            Assert.NotEqual($"sha256={forged}", a.Signature);
            Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(a.Timestamp), -5, 300); // inside a receiver's replay window
        }

        var payload = JsonDocument.Parse(attempts[^1].Body).RootElement;
        Assert.Equal(reportId, payload.GetProperty("data").GetProperty("reportId").GetString());
        Assert.Equal(42m, payload.GetProperty("data").GetProperty("values").GetProperty("clinic_person_times").GetDecimal());

        var log = await LogAsync(office, subscription, 3);
        Assert.Equal(["2xx", "5xx", "5xx"], log.EnumerateArray().Take(3).Select(a => a.GetProperty("outcome").GetString()));
        Assert.True(log[0].GetProperty("final").GetBoolean());
        Assert.Equal(3, log[0].GetProperty("attempt").GetInt32());
        AssertOnlyClasses(log);
        (await office.DeleteAsync($"/api/v1/webhooks/{subscription}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Registration_refuses_every_destination_inside_and_plain_http_to_other_hosts()
    {
        using var office = fixture.Office();
        string[] refused =
        [
            "http://127.0.0.1:15432/",                               // loopback (only the receiver's port is allowed)
            "http://127.0.0.2/",                                      // loopback, another form
            "https://2130706433/",                                    // 127.0.0.1 written as a number
            $"https://localhost:{fixture.ReceiverPort}/hook",         // a name that resolves to 127.0.0.1
            "http://169.254.169.254/latest/meta-data/",               // metadata, plain http
            "https://169.254.169.254/latest/meta-data/",              // metadata
            "http://[::1]:5080/api/v1/api-keys",                      // IPv6 loopback
            "https://[::ffff:127.0.0.1]:5080/api/v1/api-keys",        // IPv4-mapped loopback
            "https://[64:ff9b::a9fe:a9fe]/",                          // NAT64 of the metadata address
            "https://10.0.0.8/", "https://172.16.5.4/", "https://192.168.0.1/", // private
            "https://100.64.0.1/",                                    // carrier-grade NAT
            "https://0.0.0.0/", "https://224.0.0.1/", "https://255.255.255.255/",
            "https://[fd00:ec2::254]/", "https://[fc00::1]/", "https://[fe80::1]/", "https://[ff02::1]/",
            "http://203.0.113.9/hook",                                // public, but plain http
        ];
        var before = (await office.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).GetArrayLength();
        foreach (var url in refused)
        {
            using var response = await office.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "report.accepted" } });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal("webhook.destination", problem.GetProperty("code").GetString());
            Assert.DoesNotContain("connect", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase); // nothing was tried there
        }

        Assert.Equal(before, (await office.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).GetArrayLength());

        // A public address by https is taken (nothing listens there: its deliveries fail, outside).
        var outside = await WebhookReceiver.SubscribeAsync(office, "https://203.0.113.9/hook");
        (await office.DeleteAsync($"/api/v1/webhooks/{outside}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_redirect_is_not_followed_but_counts_as_a_failed_attempt_and_the_dead_letter_can_be_sent_again()
    {
        using var office = fixture.Office();
        var accept = false;
        await using var receiver = new WebhookReceiver(fixture.ReceiverPort);
        receiver.Answer = (path, _) => path == "/redirect" && !Volatile.Read(ref accept) ? (302, receiver.Url("/followed")) : (200, null);
        var subscription = await WebhookReceiver.SubscribeAsync(office, receiver.Url("/redirect"));

        await WebhookReceiver.ReportAsync(office);

        JsonElement dead = default;
        await fixture.Host.PollAsync(async () =>
        {
            dead = await office.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{subscription}/dead-letters");
            return dead.GetArrayLength() == 1;
        }, TimeSpan.FromSeconds(30), "the delivery to become a dead letter");
        Assert.Equal(3, receiver.At("/redirect").Length); // every attempt answered 302
        Assert.Empty(receiver.At("/followed"));            // and none was followed
        Assert.Equal("3xx", dead[0].GetProperty("outcome").GetString());
        Assert.Equal(3, dead[0].GetProperty("attempts").GetInt32());
        var deliveryId = dead[0].GetProperty("deliveryId").GetString()!;
        Assert.Equal(deliveryId, receiver.At("/redirect")[0].Delivery);

        var log = await LogAsync(office, subscription, 3);
        Assert.Equal(["3xx", "3xx", "3xx"], log.EnumerateArray().Take(3).Select(a => a.GetProperty("outcome").GetString()));
        AssertOnlyClasses(log);

        // The office sends it again once the receiver is fixed: the same delivery, now taken.
        Volatile.Write(ref accept, true);
        using (var unknown = await office.PostAsync($"/api/v1/webhooks/{subscription}/dead-letters/{Guid.NewGuid()}/retry", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var retry = await office.PostAsync($"/api/v1/webhooks/{subscription}/dead-letters/{deliveryId}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        await fixture.Host.PollAsync(() => Task.FromResult(receiver.At("/redirect").Any(r => r.Answered == 200 && r.Delivery == deliveryId)),
            TimeSpan.FromSeconds(30), "the dead letter sent again");
        await fixture.Host.PollAsync(async () => (await office.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{subscription}/dead-letters")).GetArrayLength() == 0,
            TimeSpan.FromSeconds(10), "no dead letter left");
        Assert.Empty(receiver.At("/followed"));
        (await office.DeleteAsync($"/api/v1/webhooks/{subscription}")).EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> LogAsync(HttpClient office, string subscription, int atLeast)
    {
        JsonElement log = default;
        await fixture.Host.PollAsync(async () =>
        {
            log = await office.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{subscription}/deliveries");
            return log.GetArrayLength() >= atLeast;
        }, TimeSpan.FromSeconds(10), "the delivery log");
        return log;
    }

    /// <summary>The log tells status classes, never the answer's exact status, its timing or an error text.</summary>
    private static void AssertOnlyClasses(JsonElement log)
    {
        foreach (var attempt in log.EnumerateArray())
        {
            Assert.Equal(["at", "attempt", "deliveryId", "event", "final", "outcome"], attempt.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }
}
