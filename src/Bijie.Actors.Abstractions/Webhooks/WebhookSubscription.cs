namespace Bijie.Actors.Abstractions;

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
