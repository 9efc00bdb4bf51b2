using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bijie.Actors.IntegrationTests;

/// <summary>A request a <see cref="WebhookReceiver"/> took, and the status it answered.</summary>
public sealed record ReceivedDelivery(string Path, string Delivery, string Event, string Timestamp, string Signature, string Body, int Answered);

/// <summary>
/// A webhook receiver on 127.0.0.1: records each request and answers what <see cref="Answer"/> says for it
/// (a status, and a Location for a redirect). Hosts reach it only through their explicit allowance for its port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public WebhookReceiver(int port)
    {
        Port = port;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>The answer for a request (its path and how many this path took before): a status and an optional Location.</summary>
    public Func<string, int, (int Status, string? Location)> Answer { get; set; } = (_, _) => (200, null);

    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    public ReceivedDelivery[] At(string path) => Received.Where(r => r.Path == path).ToArray();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            var (status, location) = Answer(path, At(path).Length);
            Received.Enqueue(new ReceivedDelivery(path, context.Request.Headers["X-Bijie-Delivery"] ?? "", context.Request.Headers["X-Bijie-Event"] ?? "",
                context.Request.Headers["X-Bijie-Timestamp"] ?? "", context.Request.Headers["X-Bijie-Signature"] ?? "", body, status));
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.RedirectLocation = location;
            }

            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }

    /// <summary>A report.accepted event: an enterprise paired with a village, reported on by the office. Returns the report's id.</summary>
    public static async Task<string> ReportAsync(HttpClient office, decimal value = 42)
    {
        var code = TestEnvironment.NewCreditCode();
        (await office.PutAsJsonAsync($"/api/v1/enterprises/{code}", new { name = $"回调测试企业{code[^4..]}", industry = "农业", province = "贵州" })).EnsureSuccessStatusCode();
        using var pairing = await office.PostAsJsonAsync("/api/v1/pairings", new
        {
            kind = "EnterpriseVillage", enterpriseCode = code, localityCode = "520502001001", start = "2023-08-01", responsibleStaffId = "staff-012",
        });
        pairing.EnsureSuccessStatusCode();
        var pairingId = (await pairing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var report = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { pairingId, date = "2023-09-10", values = new Dictionary<string, decimal> { ["clinic_person_times"] = value } }),
        };
        report.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var accepted = await office.SendAsync(report);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Subscribes a URL to report.accepted; returns the subscription's id.</summary>
    public static async Task<string> SubscribeAsync(HttpClient office, string url, string? secret = null)
    {
        using var created = await office.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "report.accepted" }, secret });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("subscription").GetProperty("id").GetString()!;
    }

    /// <summary>The settings that let a host deliver to a receiver on 127.0.0.1 at this port (and nowhere else inside), retrying quickly.</summary>
    public static Dictionary<string, string> HostSettings(int port, int maxAttempts) => new()
    {
        ["Bijie:Webhooks:AllowPrivateDestinations:0"] = $"127.0.0.1:{port}",
        ["Bijie:Webhooks:AllowPlainHttpHosts:0"] = "127.0.0.1",
        ["Bijie:Webhooks:MaxAttempts"] = maxAttempts.ToString(),
        ["Bijie:Webhooks:FirstRetryDelay"] = "00:00:00.3",
        ["Bijie:Webhooks:MaxRetryDelay"] = "00:00:01",
        ["Bijie:Webhooks:Timeout"] = "00:00:03",
        ["Bijie:Webhooks:PollInterval"] = "00:00:00.2",
        ["Bijie:Webhooks:DirectoryRefresh"] = "00:00:00", // a subscription counts from the next event on
    };
}
