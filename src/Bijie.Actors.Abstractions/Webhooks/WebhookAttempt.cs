namespace Bijie.Actors.Abstractions;

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
