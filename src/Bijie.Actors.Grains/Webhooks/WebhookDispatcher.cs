using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>
/// Each silo's webhook sender. Grains and the ledger's commits on this silo publish events; each becomes one
/// delivery per active subscription for its type, written to the outbox beside the ledger (<see cref="IWebhookOutbox"/>).
/// Every silo claims due deliveries from the outbox and posts them as JSON signed with the subscription's secret
/// (<see cref="WebhookSignature"/>), through <see cref="WebhookDestinations"/> (public addresses only, no
/// redirects), retried with exponential back-off until a 2xx or the last attempt, then kept as a dead letter.
/// A delivery outlives the silo that made it; only events not yet written to the outbox (milliseconds) die with it.
/// Every attempt's status class goes to the subscription's delivery log.
/// </summary>
public sealed class WebhookDispatcher(
    IGrainFactory grains, IWebhookOutbox outbox, WebhookDestinations destinations, IOptions<WebhookOptions> options, TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService, Commits.ICommitSubscriber
{
    /// <summary>The outcome of an attempt refused before any connection.</summary>
    public const string RefusedDestination = "refused-destination";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<WebhookEvent> events = Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HttpClient http = new(destinations.CreateHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    private IReadOnlyList<WebhookSubscription> subscriptions = [];
    private DateTimeOffset read = DateTimeOffset.MinValue;

    public void Publish(string type, object data) => Publish(Guid.NewGuid().ToString("N"), type, data);

    /// <summary>The reports of a batch committed (or recovered) on this silo, as report.accepted events keyed by entry.</summary>
    public void Committed(CommittedBatch batch)
    {
        foreach (var entry in batch.Entries.Where(e => e.Entry.Kind == EntryKind.Report))
        {
            Publish($"report:{entry.Entry.EntryId:N}", WebhookEvents.ReportAccepted, new
            {
                reportId = entry.Entry.EntryId, subject = entry.Entry.SubjectId, date = entry.Entry.OccurredOn, position = entry.Position,
                values = entry.Entry.Values(),
            });
        }
    }

    /// <summary>A batch whose writer died may not have reached the outbox: published again (the outbox keeps one per report).</summary>
    public void Recovered(CommittedBatch batch) => Committed(batch);

    private void Publish(string key, string type, object data) => events.Writer.TryWrite(new WebhookEvent(key, type, time.GetUtcNow(), data));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(EnqueueLoopAsync(stoppingToken), DeliverLoopAsync(stoppingToken));

    /// <summary>Writes published events to the outbox, one delivery per matching subscription, keeping them until the write succeeds.</summary>
    private async Task EnqueueLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await events.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<WebhookEvent>();
                while (batch.Count < 500 && events.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }

                var active = (await SubscriptionsAsync(false, stoppingToken)).Where(s => s.Active).ToArray();
                var items = (from e in batch
                             from s in active
                             where s.Events.Contains(e.Type)
                             let id = Guid.NewGuid()
                             select new OutboxItem(id, s.Id, e.Key, e.Type, JsonSerializer.Serialize(new { id, type = e.Type, occurredAt = e.OccurredAt, data = e.Data }, Json)))
                    .ToArray();
                while (items.Length > 0)
                {
                    try
                    {
                        await outbox.EnqueueAsync(items, stoppingToken);
                        wake.Writer.TryWrite(true);
                        break;
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning("Webhook deliveries not written to the outbox ({Message}); trying again", e.Message);
                        await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Claims due deliveries and attempts them, until the host stops.</summary>
    private async Task DeliverLoopAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var lease = o.Timeout * 2 + TimeSpan.FromSeconds(5); // the attempt and the record of its outcome
        var pruned = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var due = await outbox.ClaimAsync(o.Parallelism, lease, stoppingToken);
                claimed = due.Count;
                await Task.WhenAll(due.Select(d => AttemptAsync(d, stoppingToken)));
                if (time.GetUtcNow() - pruned > TimeSpan.FromHours(1))
                {
                    pruned = time.GetUtcNow();
                    await outbox.PruneAsync(o.DeliveredRetention, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Webhook outbox not read ({Message}); trying again", e.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (claimed < o.Parallelism)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(o.PollInterval);
                await ((Task)wake.Reader.ReadAsync(poll.Token).AsTask()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task AttemptAsync(OutboxDelivery delivery, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var subscription = await SubscriptionAsync(delivery.WebhookId, stoppingToken);
        if (subscription is not { Active: true })
        {
            await outbox.DeadLetterAsync(delivery.DeliveryId, subscription is null ? "unknown-subscription" : "inactive", stoppingToken);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var (outcome, status) = await SendAsync(subscription, delivery, stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return; // the lease runs out and another attempt follows, here after a restart or on another silo
        }

        var delivered = outcome == "2xx";
        var final = delivered || outcome == RefusedDestination || delivery.Attempt >= o.MaxAttempts;
        if (delivered)
        {
            await outbox.CompleteAsync(delivery.DeliveryId, outcome, stoppingToken);
        }
        else if (final)
        {
            await outbox.DeadLetterAsync(delivery.DeliveryId, outcome, stoppingToken);
            logger.LogWarning("Webhook {Event} for {Webhook} not delivered after {Attempts} attempts ({Outcome}): a dead letter",
                delivery.EventType, delivery.WebhookId, delivery.Attempt, outcome);
        }
        else
        {
            var delay = TimeSpan.FromTicks((long)Math.Min(o.FirstRetryDelay.Ticks * Math.Pow(2, delivery.Attempt - 1), o.MaxRetryDelay.Ticks));
            await outbox.RetryLaterAsync(delivery.DeliveryId, delay, outcome, stoppingToken);
        }

        try
        {
            await grains.GetGrain<IWebhookGrain>(subscription.Id).LogAsync(new WebhookAttempt(
                delivery.DeliveryId, delivery.EventType, delivery.Attempt, time.GetUtcNow(), status,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds), null, final, outcome));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Webhook attempt not logged: {Message}", e.Message);
        }
    }

    /// <summary>One attempt: its status class (2xx … 5xx, timeout, unreachable, refused-destination) and the status code (0: none).</summary>
    private async Task<(string Outcome, int Status)> SendAsync(WebhookSubscription subscription, OutboxDelivery delivery, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var uri = new Uri(subscription.Url);
            destinations.CheckUrl(uri);
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Bijie-Event", delivery.EventType);
            request.Headers.Add("X-Bijie-Delivery", delivery.DeliveryId.ToString());
            request.Headers.Add("X-Bijie-Timestamp", timestamp);
            request.Headers.Add("X-Bijie-Signature", "sha256=" + WebhookSignature.Sign(subscription.Secret, timestamp, delivery.Body));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return ($"{status / 100}xx", status);
        }
        catch (Exception e) when (Refused(e))
        {
            return (RefusedDestination, 0);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return ("timeout", 0);
        }
        catch (HttpRequestException)
        {
            return ("unreachable", 0);
        }
        catch (OperationCanceledException)
        {
            return ("cancelled", 0);
        }
    }

    private static bool Refused(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookDestinationRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<WebhookSubscription?> SubscriptionAsync(string id, CancellationToken cancellationToken) =>
        (await SubscriptionsAsync(false, cancellationToken)).FirstOrDefault(s => s.Id == id)
        ?? (await SubscriptionsAsync(true, cancellationToken)).FirstOrDefault(s => s.Id == id);

    private async Task<IReadOnlyList<WebhookSubscription>> SubscriptionsAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (fresh || time.GetUtcNow() - read > options.Value.DirectoryRefresh)
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

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }
}
