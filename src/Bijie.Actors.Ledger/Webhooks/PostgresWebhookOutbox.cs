using Npgsql;

namespace Bijie.Actors.Ledger;

/// <summary>
/// The outbox in PostgreSQL beside the ledger (table webhook_outbox, migration 005). Times are the database's, so
/// that silos whose clocks differ agree on what is due.
/// </summary>
public sealed class PostgresWebhookOutbox(NpgsqlDataSource db) : IWebhookOutbox
{
    public async Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0)
        {
            return;
        }

        await using var command = db.CreateCommand("""
            INSERT INTO webhook_outbox (delivery_id, webhook_id, event_key, event_type, body)
            SELECT * FROM unnest(@ids, @hooks, @keys, @types, @bodies)
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", items.Select(i => i.DeliveryId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("hooks", items.Select(i => i.WebhookId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", items.Select(i => i.EventKey).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("types", items.Select(i => i.EventType).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("bodies", items.Select(i => i.Body).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxDelivery>> ClaimAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // The lease moves the delivery's due time past the attempt: other silos skip it meanwhile, and claim it
        // again once the lease has passed without an outcome (its silo died).
        await using var command = db.CreateCommand("""
            UPDATE webhook_outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + @lease
            FROM (SELECT delivery_id FROM webhook_outbox WHERE state = 0 AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT @max FOR UPDATE SKIP LOCKED) due
            WHERE o.delivery_id = due.delivery_id
            RETURNING o.delivery_id, o.webhook_id, o.event_type, o.body, o.attempts
            """);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("max", max);
        var claimed = new List<OutboxDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxDelivery(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return claimed;
    }

    public Task CompleteAsync(Guid deliveryId, string outcome, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE webhook_outbox SET state = 1, last_outcome = @outcome, finished_at = now() WHERE delivery_id = @id AND state = 0",
            deliveryId, outcome, null, cancellationToken);

    public Task RetryLaterAsync(Guid deliveryId, TimeSpan delay, string outcome, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE webhook_outbox SET last_outcome = @outcome, next_attempt_at = now() + @delay WHERE delivery_id = @id AND state = 0",
            deliveryId, outcome, delay, cancellationToken);

    public Task DeadLetterAsync(Guid deliveryId, string outcome, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE webhook_outbox SET state = 2, last_outcome = @outcome, finished_at = now() WHERE delivery_id = @id AND state = 0",
            deliveryId, outcome, null, cancellationToken);

    public async Task<IReadOnlyList<OutboxDeadLetter>> DeadLettersAsync(string webhookId, int max, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT delivery_id, event_type, attempts, created_at, finished_at, coalesce(last_outcome, '')
            FROM webhook_outbox WHERE webhook_id = @hook AND state = 2 ORDER BY finished_at DESC LIMIT @max
            """);
        command.Parameters.AddWithValue("hook", webhookId);
        command.Parameters.AddWithValue("max", max);
        var dead = new List<OutboxDeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dead.Add(new OutboxDeadLetter(reader.GetGuid(0), webhookId, reader.GetString(1), reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
        }

        return dead;
    }

    public async Task<bool> RequeueAsync(string webhookId, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            UPDATE webhook_outbox SET state = 0, attempts = 0, next_attempt_at = now(), finished_at = NULL
            WHERE delivery_id = @id AND webhook_id = @hook AND state = 2
            """);
        command.Parameters.AddWithValue("id", deliveryId);
        command.Parameters.AddWithValue("hook", webhookId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task PruneAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("DELETE FROM webhook_outbox WHERE state = 1 AND finished_at < now() - @age");
        command.Parameters.AddWithValue("age", age);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ExecuteAsync(string sql, Guid deliveryId, string outcome, TimeSpan? delay, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("id", deliveryId);
        command.Parameters.AddWithValue("outcome", outcome);
        if (delay is { } d)
        {
            command.Parameters.AddWithValue("delay", d);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
