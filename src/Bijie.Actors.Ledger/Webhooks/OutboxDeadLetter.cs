namespace Bijie.Actors.Ledger;

/// <summary>A delivery that gave up: its attempts used, or its destination refused.</summary>
public sealed record OutboxDeadLetter(Guid DeliveryId, string WebhookId, string EventType, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset FailedAt, string Outcome);
