using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>The persisted state of a subscription: itself and its latest delivery attempts.</summary>
[GenerateSerializer, Alias("Bijie.Actors.WebhookState")]
public sealed class WebhookState : Changes.IChangeVersioned
{
    [Id(0)] public WebhookSubscription? Subscription { get; set; }

    [Id(1)] public List<WebhookAttempt> Attempts { get; set; } = [];

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(2)] public int ChangeVersion { get; set; }
}
