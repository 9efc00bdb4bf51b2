namespace Bijie.Actors.Ledger;

/// <summary>
/// Webhook deliveries that outlive the silo that made them. Any silo claims due deliveries for a lease (no two
/// silos send the same attempt while the lease holds); a silo that dies mid-attempt leaves its claim to expire.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Adds deliveries; one already there for the same subscription and event key is kept as it is.</summary>
    Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> due deliveries for <paramref name="lease"/>, counting an attempt on each.</summary>
    Task<IReadOnlyList<OutboxDelivery>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records the delivery as done.</summary>
    Task CompleteAsync(Guid deliveryId, string outcome, CancellationToken cancellationToken = default);

    /// <summary>Makes the delivery due again after <paramref name="delay"/>.</summary>
    Task RetryLaterAsync(Guid deliveryId, TimeSpan delay, string outcome, CancellationToken cancellationToken = default);

    /// <summary>Gives the delivery up: it shows among the subscription's dead letters.</summary>
    Task DeadLetterAsync(Guid deliveryId, string outcome, CancellationToken cancellationToken = default);

    /// <summary>A subscription's dead letters, newest first.</summary>
    Task<IReadOnlyList<OutboxDeadLetter>> DeadLettersAsync(string webhookId, int max, CancellationToken cancellationToken = default);

    /// <summary>Makes a dead letter of this subscription due again with fresh attempts; false when there is none.</summary>
    Task<bool> RequeueAsync(string webhookId, Guid deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Forgets deliveries done longer ago than <paramref name="age"/>.</summary>
    Task PruneAsync(TimeSpan age, CancellationToken cancellationToken = default);
}
