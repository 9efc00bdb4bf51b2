using Orleans.Concurrency;

namespace Bijie.Actors.Abstractions;

/// <summary>The events API clients may subscribe to.</summary>
public static class WebhookEvents
{
    public const string ReportAccepted = "report.accepted";
    public const string ProjectStatusChanged = "project.status_changed";
    public const string MatterOverdue = "matter.overdue";
    public const string NeedMatched = "need.matched";

    public static IReadOnlyList<string> All { get; } = [ReportAccepted, ProjectStatusChanged, MatterOverdue, NeedMatched];
}

/// <summary>A subscription: where to, which events, the secret the deliveries are signed with (HMAC-SHA256).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.WebhookSubscription")]
public sealed record WebhookSubscription(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string Secret,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] bool Active);

/// <summary>
/// One attempt to deliver an event: when, the answer's status (0: none) and how long it took (both kept for the
/// operators, never shown through the API), its <see cref="Outcome"/> (a status class: 2xx, 3xx, 4xx, 5xx, timeout,
/// unreachable, refused-destination), whether it was the last. <see cref="Error"/> is no longer written.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.WebhookAttempt")]
public sealed record WebhookAttempt(
    [property: Id(0)] Guid DeliveryId,
    [property: Id(1)] string Event,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Status,
    [property: Id(5)] double Milliseconds,
    [property: Id(6)] string? Error,
    [property: Id(7)] bool Final,
    [property: Id(8)] string? Outcome = null);

/// <summary>A delivery that gave up (its attempts used, or its destination refused), kept for the office to see and send again.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.WebhookDeadLetter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] Guid DeliveryId,
    [property: Id(1)] string Event,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset FailedAt,
    [property: Id(5)] string Outcome);

/// <summary>A webhook subscription (key: its id) with its delivery log (the latest attempts: bounded).</summary>
[Alias("Bijie.Actors.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<WebhookSubscription> CreateAsync(string url, IReadOnlyList<string> events, string secret, ActorRef actor);

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

/// <summary>The active subscriptions (one grain, key 0), which every silo's dispatcher reads.</summary>
[Alias("Bijie.Actors.IWebhookDirectoryGrain")]
public interface IWebhookDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(WebhookSubscription subscription);

    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<WebhookSubscription>> ListAsync();
}
