namespace Bijie.Actors.Abstractions;

/// <summary>A webhook subscription (key: its id) with its delivery log (the latest attempts: bounded).</summary>
[Alias("Bijie.Actors.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey, IChangeTracked
{
    [Alias("Create")]
    Task<WebhookSubscription> CreateAsync(string url, IReadOnlyList<string> events, string? secret, ActorRef actor);

    [Alias("Get")]
    Task<WebhookSubscription> GetAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync(ActorRef actor);

    [Alias("Log")]
    Task LogAsync(WebhookAttempt attempt);

    [Alias("Deliveries")]
    Task<IReadOnlyList<WebhookAttempt>> DeliveriesAsync();

    /// <summary>The subscription's dead letters, newest first (the latest 100).</summary>
    [Alias("DeadLetters")]
    Task<IReadOnlyList<WebhookDeadLetter>> DeadLettersAsync();

    /// <summary>Sends a dead letter again, with fresh attempts; unknown to this subscription: not found.</summary>
    [Alias("RetryDeadLetter")]
    Task RetryDeadLetterAsync(Guid deliveryId, ActorRef actor);
}
