using Orleans.Concurrency;

namespace Bijie.Actors.Abstractions;

/// <summary>The active subscriptions (one grain, key 0), which every silo's dispatcher reads.</summary>
[Alias("Bijie.Actors.IWebhookDirectoryGrain")]
public interface IWebhookDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(WebhookSubscription subscription);

    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<WebhookSubscription>> ListAsync();
}
