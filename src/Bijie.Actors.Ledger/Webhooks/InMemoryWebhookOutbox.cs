namespace Bijie.Actors.Ledger;

/// <summary>The outbox in memory, for unit tests and throwaway runs (<c>Bijie:LedgerStore=Memory</c>): nothing survives the process.</summary>
public sealed class InMemoryWebhookOutbox(TimeProvider time) : IWebhookOutbox
{
    private sealed class Row(OutboxItem item, DateTimeOffset now)
    {
        public OutboxItem Item { get; } = item;
        public DateTimeOffset CreatedAt { get; } = now;
        public int State { get; set; }
        public int Attempts { get; set; }
        public DateTimeOffset Due { get; set; } = now;
        public string? Outcome { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
    }

    private readonly object gate = new();
    private readonly Dictionary<Guid, Row> rows = [];
    private readonly HashSet<(string, string)> keys = [];

    public InMemoryWebhookOutbox()
        : this(TimeProvider.System)
    {
    }

    public Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var item in items.Where(i => keys.Add((i.WebhookId, i.EventKey))))
            {
                rows[item.DeliveryId] = new Row(item, time.GetUtcNow());
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxDelivery>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var due = rows.Values.Where(r => r.State == 0 && r.Due <= now).OrderBy(r => r.Due).Take(max).ToArray();
            foreach (var row in due)
            {
                row.Attempts++;
                row.Due = now + lease;
            }

            return Task.FromResult<IReadOnlyList<OutboxDelivery>>(due
                .Select(r => new OutboxDelivery(r.Item.DeliveryId, r.Item.WebhookId, r.Item.EventType, r.Item.Body, r.Attempts)).ToArray());
        }
    }

    public Task CompleteAsync(Guid deliveryId, string outcome, CancellationToken cancellationToken = default) =>
        Update(deliveryId, r => (r.State, r.Outcome, r.FinishedAt) = (1, outcome, time.GetUtcNow()));

    public Task RetryLaterAsync(Guid deliveryId, TimeSpan delay, string outcome, CancellationToken cancellationToken = default) =>
        Update(deliveryId, r => (r.Due, r.Outcome) = (time.GetUtcNow() + delay, outcome));

    public Task DeadLetterAsync(Guid deliveryId, string outcome, CancellationToken cancellationToken = default) =>
        Update(deliveryId, r => (r.State, r.Outcome, r.FinishedAt) = (2, outcome, time.GetUtcNow()));

    public Task<IReadOnlyList<OutboxDeadLetter>> DeadLettersAsync(string webhookId, int max, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxDeadLetter>>(rows.Values
                .Where(r => r.State == 2 && r.Item.WebhookId == webhookId)
                .OrderByDescending(r => r.FinishedAt)
                .Take(max)
                .Select(r => new OutboxDeadLetter(r.Item.DeliveryId, webhookId, r.Item.EventType, r.Attempts, r.CreatedAt, r.FinishedAt!.Value, r.Outcome ?? ""))
                .ToArray());
        }
    }

    public Task<bool> RequeueAsync(string webhookId, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(deliveryId, out var row) || row.State != 2 || row.Item.WebhookId != webhookId)
            {
                return Task.FromResult(false);
            }

            (row.State, row.Attempts, row.Due, row.FinishedAt) = (0, 0, time.GetUtcNow(), null);
            return Task.FromResult(true);
        }
    }

    public Task PruneAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - age;
        lock (gate)
        {
            foreach (var row in rows.Values.Where(r => r.State == 1 && r.FinishedAt < before).ToArray())
            {
                rows.Remove(row.Item.DeliveryId);
                keys.Remove((row.Item.WebhookId, row.Item.EventKey));
            }
        }

        return Task.CompletedTask;
    }

    private Task Update(Guid deliveryId, Action<Row> change)
    {
        lock (gate)
        {
            if (rows.TryGetValue(deliveryId, out var row))
            {
                change(row);
            }
        }

        return Task.CompletedTask;
    }
}
