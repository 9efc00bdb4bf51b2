using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>Webhooks: a receiver on 127.0.0.1 checks the signatures and sees the retries.</summary>
public sealed class WebhookTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private sealed record Received(string Delivery, string Event, string Timestamp, string Signature, string Body);

    [Fact]
    public async Task A_report_reaches_a_subscribed_receiver_signed_and_retried_until_it_answers_200()
    {
        var office = fixture.Client(fixture.AdminKey);
        var port = TestEnvironment.FreePort();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = new ConcurrentQueue<Received>();
        var serving = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await receiver.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                received.Enqueue(new Received(context.Request.Headers["X-Bijie-Delivery"]!, context.Request.Headers["X-Bijie-Event"]!,
                    context.Request.Headers["X-Bijie-Timestamp"]!, context.Request.Headers["X-Bijie-Signature"]!, body));
                context.Response.StatusCode = received.Count <= 2 ? 500 : 200; // fails twice, then takes it
                context.Response.Close();
            }
        });

        using (var bad = await office.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://127.0.0.1/x", events = new[] { "report.accepted" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var bad = await office.PostAsJsonAsync("/api/v1/webhooks", new { url = $"http://127.0.0.1:{port}/hook", events = new[] { "report.lost" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        const string secret = "a-secret-of-the-receivers-own-32";
        using var created = await office.PostAsJsonAsync("/api/v1/webhooks", new { url = $"http://127.0.0.1:{port}/hook", events = new[] { "report.accepted" }, secret });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscription").GetProperty("id").GetString()!;
        Assert.DoesNotContain(secret, await office.GetStringAsync("/api/v1/webhooks"));

        // A report: an enterprise paired with a village, reported on by the office.
        var code = TestEnvironment.NewCreditCode();
        (await office.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = $"回调测试企业{code[^4..]}", industry = "农业", province = "贵州" })).EnsureSuccessStatusCode();
        using var pairing = await office.PostAsJsonAsync("/api/v1/pairings", new
        {
            kind = "EnterpriseVillage", enterpriseCode = code, localityCode = "520502001001", start = "2023-08-01", responsibleStaffId = "staff-012",
        });
        var pairingId = (await pairing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var report = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { pairingId, date = "2023-09-10", values = new Dictionary<string, decimal> { ["clinic_person_times"] = 42 } }),
        };
        report.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var accepted = await office.SendAsync(report);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var reportId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await fixture.Host.PollAsync(() => Task.FromResult(received.Count >= 3), TimeSpan.FromSeconds(30), "three attempts at the receiver");
        var attempts = received.ToArray();
        Assert.Single(attempts.Select(a => a.Delivery).Distinct()); // one delivery, tried three times
        foreach (var a in attempts)
        {
            Assert.Equal("report.accepted", a.Event);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{a.Timestamp}.{a.Body}")));
            Assert.Equal($"sha256={expected}", a.Signature);
            var forged = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("another secret"), Encoding.UTF8.GetBytes($"{a.Timestamp}.{a.Body}")));
            Assert.NotEqual($"sha256={forged}", a.Signature);
        }

        var payload = JsonDocument.Parse(attempts[^1].Body).RootElement;
        Assert.Equal(reportId, payload.GetProperty("data").GetProperty("reportId").GetString());
        Assert.Equal(42m, payload.GetProperty("data").GetProperty("values").GetProperty("clinic_person_times").GetDecimal());

        JsonElement log = default;
        await fixture.Host.PollAsync(async () =>
        {
            log = await office.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{subscription}/deliveries");
            return log.GetArrayLength() >= 3;
        }, TimeSpan.FromSeconds(10), "the delivery log");
        Assert.Equal([200, 500, 500], log.EnumerateArray().Take(3).Select(a => a.GetProperty("status").GetInt32()));
        Assert.True(log[0].GetProperty("final").GetBoolean());
        Assert.Equal(3, log[0].GetProperty("attempt").GetInt32());

        receiver.Stop();
        await serving;
    }
}
