using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>
/// A webhook subscription and its delivery log: the latest <see cref="LogSize"/> attempts. Its destination is
/// checked as it is made (<see cref="WebhookDestinations"/>: resolved now, public addresses only).
/// </summary>
public sealed class WebhookGrain(
    [PersistentState("webhook", StorageNames.Default)] IPersistentState<WebhookState> state,
    WebhookDestinations destinations,
    IWebhookOutbox outbox,
    TimeProvider time,
    ILedger ledger) : Grain, IWebhookGrain
{
    public const int LogSize = 200;

    /// <summary>Subscribes; without a secret of the caller's choosing, one of 24 random bytes is made (and answered this once).</summary>
    public async Task<WebhookSubscription> CreateAsync(string url, IReadOnlyList<string> events, string? secret, ActorRef actor)
    {
        secret ??= Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        if (state.State.Subscription is { } existing)
        {
            throw DomainException.Conflict("webhook.exists", $"Subscription '{existing.Id}' exists already.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > 500)
        {
            throw DomainException.Invalid("webhook.url", "The URL is an absolute http or https address of at most 500 characters.", "url");
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await destinations.CheckAsync(uri, timeout.Token);
        }
        catch (WebhookDestinationRefusedException e)
        {
            throw DomainException.Invalid("webhook.destination", e.Message, "url");
        }
        catch (OperationCanceledException)
        {
            throw DomainException.Invalid("webhook.destination", "The host name did not resolve in time.", "url");
        }

        var unknown = events.Where(e => !WebhookEvents.All.Contains(e)).ToArray();
        if (events.Count == 0 || unknown.Length > 0)
        {
            throw DomainException.Invalid("webhook.events", $"Name one or more events of: {string.Join(", ", WebhookEvents.All)}.", "events");
        }

        if (secret.Length is < 16 or > 200)
        {
            throw DomainException.Invalid("webhook.secret", "The secret has 16 to 200 characters.", "secret");
        }

        var subscription = new WebhookSubscription(this.GetPrimaryKeyString(), url, events.Distinct().ToArray(), secret, actor.Id, time.GetUtcNow(), true);
        state.State.Subscription = subscription;
        await SaveAsync(actor, "subscribe");
        await GrainFactory.GetGrain<IWebhookDirectoryGrain>(0).PutAsync(subscription);
        return subscription;
    }

    public Task<WebhookSubscription> GetAsync() => Task.FromResult(state.State.Subscription
        ?? throw DomainException.NotFound("webhook.unknown", $"No webhook subscription '{this.GetPrimaryKeyString()}'.", "id"));

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        await GetAsync();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.Webhook, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    /// <summary>Records the change and stores the subscription: its address, events and whether it is active — never its secret.</summary>
    private Task SaveAsync(ActorRef actor, string action)
    {
        var s = state.State.Subscription!;
        return ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Webhook, s.Id, actor.Id, action, new { s.Url, s.Events, s.Active });
    }

    public async Task DeactivateAsync(ActorRef actor)
    {
        var subscription = await GetAsync();
        state.State.Subscription = subscription with { Active = false };
        await SaveAsync(actor, "deactivate");
        await GrainFactory.GetGrain<IWebhookDirectoryGrain>(0).PutAsync(state.State.Subscription);
    }

    public async Task LogAsync(WebhookAttempt attempt)
    {
        state.State.Attempts.Add(attempt);
        if (state.State.Attempts.Count > LogSize)
        {
            state.State.Attempts.RemoveRange(0, state.State.Attempts.Count - LogSize);
        }

        await state.WriteStateAsync();
    }

    /// <summary>The latest attempts, newest first; an unknown subscription is NotFound, not an empty log.</summary>
    public async Task<IReadOnlyList<WebhookAttempt>> DeliveriesAsync()
    {
        await GetAsync();
        return state.State.Attempts.AsEnumerable().Reverse().ToArray();
    }

    public async Task<IReadOnlyList<WebhookDeadLetter>> DeadLettersAsync()
    {
        var subscription = await GetAsync();
        return (await outbox.DeadLettersAsync(subscription.Id, 100))
            .Select(d => new WebhookDeadLetter(d.DeliveryId, d.EventType, d.Attempts, d.CreatedAt, d.FailedAt, d.Outcome))
            .ToArray();
    }

    public async Task RetryDeadLetterAsync(Guid deliveryId, ActorRef actor)
    {
        var subscription = await GetAsync();
        if (!subscription.Active)
        {
            throw DomainException.Conflict("webhook.inactive", "The subscription is deactivated; its dead letters stay as they are.");
        }

        if (!await outbox.RequeueAsync(subscription.Id, deliveryId))
        {
            throw DomainException.NotFound("webhook.dead_letter_unknown", $"No dead letter '{deliveryId}' of this subscription.", "deliveryId");
        }
    }
}
