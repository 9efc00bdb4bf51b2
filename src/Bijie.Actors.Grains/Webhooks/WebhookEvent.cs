namespace Bijie.Actors.Grains.Webhooks;

/// <summary>An event to deliver; <see cref="Key"/> names it, so that an event announced twice is delivered once.</summary>
public sealed record WebhookEvent(string Key, string Type, DateTimeOffset OccurredAt, object Data);
