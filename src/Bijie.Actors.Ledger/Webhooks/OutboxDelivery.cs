namespace Bijie.Actors.Ledger;

/// <summary>A delivery claimed for an attempt; <see cref="Attempt"/> counts this one.</summary>
public sealed record OutboxDelivery(Guid DeliveryId, string WebhookId, string EventType, string Body, int Attempt);
