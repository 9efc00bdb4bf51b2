using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Bijie.Actors.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>Options of webhook deliveries (configuration section <c>Bijie:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Bijie:Webhooks";

    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry; each later one waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo re-reads the subscriptions.</summary>
    public TimeSpan DirectoryRefresh { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>An event to deliver.</summary>
public sealed record WebhookEvent(string Type, DateTimeOffset OccurredAt, object Data);

/// <summary>
/// Each silo's webhook sender: grains and the ledger's commits on this silo publish events; each goes to every
/// active subscription for its type as a JSON POST signed with the subscription's secret
/// (<c>X-Bijie-Signature: sha256=HMAC(secret, timestamp + "." + body)</c>), retried with exponential back-off
/// until a 2xx or the last attempt; every attempt is written to the subscription's delivery log. Deliveries
/// waiting here are lost if the silo dies (at most once per attempt, not exactly once).
/// </summary>
public sealed class WebhookDispatcher(IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<WebhookEvent> events = Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    // One client for every delivery; pooled connections are renewed so that DNS changes are followed.
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    private IReadOnlyList<WebhookSubscription> subscriptions = [];
    private DateTimeOffset read = DateTimeOffset.MinValue;

    public void Publish(string type, object data) => events.Writer.TryWrite(new WebhookEvent(type, time.GetUtcNow(), data));

    /// <summary>The reports of a batch this silo committed, as report.accepted events.</summary>
    public void Committed(Ledger.CommittedBatch batch)
    {
        foreach (var entry in batch.Entries.Where(e => e.Entry.Kind == Ledger.EntryKind.Report))
        {
            Publish(WebhookEvents.ReportAccepted, new
            {
                reportId = entry.Entry.EntryId, subject = entry.Entry.SubjectId, date = entry.Entry.OccurredOn, position = entry.Position,
                values = entry.Entry.Values(),
            });
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var subscription in await SubscriptionsAsync(stoppingToken))
                {
                    if (subscription.Active && subscription.Events.Contains(e.Type))
                    {
                        _ = DeliverAsync(subscription, e, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<WebhookSubscription>> SubscriptionsAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - read > options.Value.DirectoryRefresh)
        {
            try
            {
                subscriptions = await grains.GetGrain<IWebhookDirectoryGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                read = time.GetUtcNow();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Webhook subscriptions not read ({Message}); using the last list", e.Message);
            }
        }

        return subscriptions;
    }

    private async Task DeliverAsync(WebhookSubscription subscription, WebhookEvent e, CancellationToken cancellationToken)
    {
        var deliveryId = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new { id = deliveryId, type = e.Type, occurredAt = e.OccurredAt, data = e.Data }, Json);
        var delay = options.Value.FirstRetryDelay;
        for (var attempt = 1; attempt <= options.Value.MaxAttempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            int status = 0;
            string? error = null;
            try
            {
                var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Bijie-Event", e.Type);
                request.Headers.Add("X-Bijie-Delivery", deliveryId.ToString());
                request.Headers.Add("X-Bijie-Timestamp", timestamp);
                request.Headers.Add("X-Bijie-Signature", "sha256=" + Sign(subscription.Secret, timestamp, body));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.Value.Timeout);
                using var response = await http.SendAsync(request, timeout.Token);
                status = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                error = ex.Message;
            }

            var delivered = status is >= 200 and < 300;
            var final = delivered || attempt == options.Value.MaxAttempts;
            try
            {
                await grains.GetGrain<IWebhookGrain>(subscription.Id).LogAsync(new WebhookAttempt(
                    deliveryId, e.Type, attempt, time.GetUtcNow(), status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error, final));
            }
            catch (Exception ex)
            {
                logger.LogWarning("Webhook attempt not logged: {Message}", ex.Message);
            }

            if (final)
            {
                if (!delivered)
                {
                    logger.LogWarning("Webhook {Event} to {Url} not delivered after {Attempts} attempts", e.Type, subscription.Url, attempt);
                }

                return;
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            delay *= 2;
        }
    }

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }

    /// <summary>The signature: hex of HMAC-SHA256 over "{timestamp}.{body}" with the subscription's secret.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
