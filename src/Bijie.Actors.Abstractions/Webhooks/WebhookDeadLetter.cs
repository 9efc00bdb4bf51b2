namespace Bijie.Actors.Abstractions;

/// <summary>A delivery that gave up (its attempts used, or its destination refused), kept for the office to see and send again.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.WebhookDeadLetter")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] Guid DeliveryId,
    [property: Id(1)] string Event,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset FailedAt,
    [property: Id(5)] string Outcome);
