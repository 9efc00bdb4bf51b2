namespace Bijie.Actors.Ledger;

/// <summary>A delivery to put in the outbox: one event for one subscription, its body fixed once for every attempt.</summary>
public sealed record OutboxItem(Guid DeliveryId, string WebhookId, string EventKey, string EventType, string Body);
