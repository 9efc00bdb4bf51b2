using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>The subscriptions, active or not, for every silo's dispatcher and the listing.</summary>
public sealed class WebhookDirectoryGrain(
    [PersistentState("webhooks", StorageNames.Default)] IPersistentState<Dictionary<string, WebhookSubscription>> list) : Grain, IWebhookDirectoryGrain
{
    public async Task PutAsync(WebhookSubscription subscription)
    {
        list.State[subscription.Id] = subscription;
        await list.WriteStateAsync();
    }

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WebhookSubscription>>(list.State.Values.OrderBy(s => s.CreatedAt).ToArray());
}
