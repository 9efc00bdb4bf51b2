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

/// <summary>One attempt to deliver an event: when, the answer (0: none), how long it took, and the error if any.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.WebhookAttempt")]
public sealed record WebhookAttempt(
    [property: Id(0)] Guid DeliveryId,
    [property: Id(1)] string Event,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Status,
    [property: Id(5)] double Milliseconds,
    [property: Id(6)] string? Error,
    [property: Id(7)] bool Final);

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
