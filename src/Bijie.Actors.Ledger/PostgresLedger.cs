using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Bijie.Actors.Ledger;

/// <summary>
/// The ledger in PostgreSQL with group commit: appends queue up while a commit is in flight, and the next
/// commit takes them all, so many concurrent reporters share one transaction and one fsync. An append's task
/// completes only after COMMIT returned. Each commit reserves its positions under ledger_head's row lock, held
/// until it commits, so positions follow commit order across every host.
/// </summary>
public sealed class PostgresLedger(NpgsqlDataSource db, LedgerMigrator migrator, IOptions<LedgerOptions> options, ILogger<PostgresLedger> logger)
    : BackgroundService, ILedger
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<CommittedBatch> committed = Channel.CreateUnbounded<CommittedBatch>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stalled;

    public ChannelReader<CommittedBatch> Committed => committed.Reader;

    /// <summary>Completes once the schema is migrated and the committer runs.</summary>
    public Task Ready => ready.Task;

    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    public string? SchemaVersion { get; private set; }

    public async Task<AppendResult> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        await ready.Task.WaitAsync(cancellationToken);
        if (stalled)
        {
            throw Stalled();
        }

        var pending = new Pending(entry);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new LedgerUnavailableException("The ledger is shutting down.");
        }

        // Cancelling the wait does not cancel the commit: a retry with the same idempotency key finds it.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MigrateWithRetriesAsync(stoppingToken);
        var batch = new List<Pending>(options.Value.MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.MaxBatch && queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var commit = CommitAsync(batch, stoppingToken);
                try
                {
                    if (!await FinishesInTimeAsync(commit, stoppingToken))
                    {
                        await RefuseWhileStalledAsync(commit, batch, stoppingToken);
                    }

                    var result = await commit;
                    LedgerMetrics.CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    LedgerMetrics.CommitEntries.Record(batch.Count);
                    if (result is not null)
                    {
                        // Also when its callers were already answered "unavailable": what committed is fed on.
                        committed.Writer.TryWrite(result);
                    }
                }
                catch (Exception e)
                {
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(e, "A ledger commit of {Count} entries failed; their callers are told and may retry", batch.Count);
                    }

                    Fail(batch, new LedgerUnavailableException("The ledger could not commit: " + e.Message, e));
                }
                finally
                {
                    stalled = false;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new LedgerUnavailableException("The ledger stopped before committing."));
            }

            committed.Writer.TryComplete();
        }
    }

    private async Task<bool> FinishesInTimeAsync(Task commit, CancellationToken stoppingToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var deadline = Task.Delay(options.Value.CommitTimeout, timer.Token);
        var first = await Task.WhenAny(commit, deadline);
        await timer.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return first == commit;
    }

    /// <summary>
    /// A commit past its time (PostgreSQL cut off, or not answering): its callers are answered "unavailable" now, and
    /// every append until it ends is refused at once, not queued behind it. The commit is not cancelled: a driver's
    /// cancellation needs a connection of its own to the server, which a cut-off host cannot open either. If it lands
    /// after all, a retry under the same idempotency key finds it.
    /// </summary>
    private async Task RefuseWhileStalledAsync(Task commit, List<Pending> batch, CancellationToken stoppingToken)
    {
        stalled = true;
        logger.LogError("A ledger commit of {Count} entries has not finished in {Timeout}; its callers are told, and appends are refused until it ends", batch.Count, options.Value.CommitTimeout);
        Fail(batch, Stalled());
        while (!commit.IsCompleted)
        {
            // One wait on the queue at a time (it has a single reader): ended when the commit ends first.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var more = queue.Reader.WaitToReadAsync(waiting.Token).AsTask();
            if (await Task.WhenAny(commit, more) == commit)
            {
                await waiting.CancelAsync();
                await more.ContinueWith(_ => { }, TaskScheduler.Default); // its end, cancelled or not
                stoppingToken.ThrowIfCancellationRequested();
                return;
            }

            if (!await more)
            {
                return; // shutting down: the loop's end fails what is left
            }

            while (queue.Reader.TryRead(out var pending))
            {
                pending.Completion.TrySetException(Stalled());
            }
        }
    }

    private LedgerUnavailableException Stalled() =>
        new($"The ledger did not answer within {options.Value.CommitTimeout.TotalSeconds:0.#} s; nothing was acknowledged, and a retry under the same idempotency key is safe.");

    private static void Fail(List<Pending> batch, Exception failure)
    {
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(failure);
        }
    }

    private async Task MigrateWithRetriesAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                SchemaVersion = await migrator.MigrateAsync(stoppingToken);
                logger.LogInformation("Ledger schema at version {Version}", SchemaVersion);
                ready.TrySetResult();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Ledger migration failed ({Message}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task<CommittedBatch?> CommitAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        // One candidate per idempotency key; later twins in the batch take the candidate's answer.
        var candidates = new List<Pending>(batch.Count);
        var byKey = new Dictionary<(string, string), Pending>();
        var twins = new List<(Pending Twin, Pending Candidate)>();
        foreach (var pending in batch)
        {
            var key = (pending.Entry.IdempotencyScope, pending.Entry.IdempotencyKey);
            if (byKey.TryGetValue(key, out var candidate))
            {
                twins.Add((pending, candidate));
            }
            else
            {
                byKey[key] = pending;
                candidates.Add(pending);
            }
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The head's row lock, held until COMMIT, orders the commits of every writer: the hash read here is the
        // last committed entry's, and this batch's entries chain on from it.
        long last;
        byte[] previous;
        await using (var reserve = new NpgsqlCommand("UPDATE ledger_head SET position = position + @n WHERE id = 1 RETURNING position, hash", connection, transaction))
        {
            reserve.Parameters.AddWithValue("n", (long)candidates.Count);
            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            last = reader.GetInt64(0);
            previous = reader.IsDBNull(1) ? EntryChain.Genesis : (byte[])reader[1];
        }

        var first = last - candidates.Count + 1;
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i].Position = first + i;
        }

        var chainHead = Chain(previous, candidates);
        var inserted = await InsertEntriesAsync(connection, transaction, first, candidates, cancellationToken);
        var existing = inserted.Count == candidates.Count
            ? new Dictionary<(string, string), (Guid Id, long Position, byte[] Hash)>()
            : await ReadExistingAsync(connection, transaction, candidates.Where(c => !inserted.Contains(c.Position)).ToList(), cancellationToken);
        var written = candidates.Where(c => inserted.Contains(c.Position)).ToList();
        if (written.Count < candidates.Count && written.Count > 0)
        {
            // Retries of entries already committed took no row: the chain runs over the rows that were written.
            chainHead = Chain(previous, written);
            await RehashAsync(connection, transaction, written, cancellationToken);
        }

        if (written.Count > 0)
        {
            // What follows from the written entries goes in one round trip: their lines, the subjects' heads, the
            // batch's record and the chain's new head.
            await using var rest = new NpgsqlBatch(connection, transaction);
            AddLines(rest, first, written);
            AddSubjects(rest, written);
            var record = new NpgsqlBatchCommand("""
                WITH head AS (UPDATE ledger_head SET hash = @hash WHERE id = 1)
                INSERT INTO ledger_batches (batch_id, last_position, committed_at) VALUES (@b, @l, clock_timestamp())
                """);
            record.Parameters.AddWithValue("hash", chainHead);
            record.Parameters.AddWithValue("b", first);
            record.Parameters.AddWithValue("l", last);
            rest.BatchCommands.Add(record);
            await rest.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        foreach (var candidate in candidates)
        {
            if (inserted.Contains(candidate.Position))
            {
                candidate.Completion.TrySetResult(new AppendResult(AppendOutcome.Committed, candidate.Entry.EntryId, candidate.Position));
            }
            else if (existing.TryGetValue((candidate.Entry.IdempotencyScope, candidate.Entry.IdempotencyKey), out var twin))
            {
                candidate.Completion.TrySetResult(twin.Hash.AsSpan().SequenceEqual(candidate.Entry.RequestHash)
                    ? new AppendResult(AppendOutcome.Duplicate, twin.Id, twin.Position)
                    : new AppendResult(AppendOutcome.KeyReused, twin.Id, twin.Position));
            }
            else
            {
                candidate.Completion.TrySetException(new LedgerUnavailableException($"Entry {candidate.Entry.EntryId} conflicts with an existing entry id."));
            }
        }

        foreach (var (twin, candidate) in twins)
        {
            _ = candidate.Completion.Task.ContinueWith(t =>
            {
                if (t.IsFaulted)
                {
                    twin.Completion.TrySetException(t.Exception!.InnerExceptions);
                    return;
                }

                var answer = t.Result;
                twin.Completion.TrySetResult(answer.Outcome != AppendOutcome.KeyReused && twin.Entry.RequestHash.AsSpan().SequenceEqual(candidate.Entry.RequestHash)
                    ? answer with { Outcome = AppendOutcome.Duplicate }
                    : new AppendResult(AppendOutcome.KeyReused, answer.EntryId, answer.Position));
            }, TaskScheduler.Default);
        }

        return written.Count == 0
            ? null
            : new CommittedBatch(first, last, written.Select(w => new CommittedEntry(w.Position, w.Entry)).ToArray());
    }

    /// <summary>Sets each entry's hash in position order from <paramref name="previous"/>; returns the last.</summary>
    private static byte[] Chain(byte[] previous, List<Pending> entries)
    {
        foreach (var pending in entries)
        {
            pending.Hash = EntryChain.Hash(previous, pending.Position, pending.Entry);
            previous = pending.Hash;
        }

        return previous;
    }

    private static async Task RehashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Pending> written, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE ledger_entries e SET hash = t.h FROM unnest(@p, @h) AS t(p, h) WHERE e.position = t.p
            """, connection, transaction);
        update.Parameters.AddWithValue("p", written.Select(w => w.Position).ToArray());
        update.Parameters.AddWithValue("h", written.Select(w => w.Hash).ToArray());
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<long>> InsertEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long batchId, List<Pending> candidates, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO ledger_entries (position, batch_id, entry_id, kind, idem_scope, idem_key, request_hash, subject_id,
                                        subject_version, occurred_on, recorded_at, actor, on_behalf, reverses, body, hash)
            SELECT p, @batch, e, k, s, ik, h, sub, sv, o, r, a, ob, rev, b, ch
            FROM unnest(@p, @e, @k, @s, @ik, @h, @sub, @sv, @o, @r, @a, @ob, @rev, @b, @ch)
                 AS t(p, e, k, s, ik, h, sub, sv, o, r, a, ob, rev, b, ch)
            ON CONFLICT DO NOTHING
            RETURNING position
            """, connection, transaction);
        var entries = candidates.Select(c => c.Entry).ToArray();
        insert.Parameters.AddWithValue("batch", batchId);
        insert.Parameters.AddWithValue("p", candidates.Select(c => c.Position).ToArray());
        insert.Parameters.AddWithValue("e", entries.Select(e => e.EntryId).ToArray());
        insert.Parameters.AddWithValue("k", entries.Select(e => (short)e.Kind).ToArray());
        insert.Parameters.AddWithValue("s", entries.Select(e => e.IdempotencyScope).ToArray());
        insert.Parameters.AddWithValue("ik", entries.Select(e => e.IdempotencyKey).ToArray());
        insert.Parameters.AddWithValue("h", entries.Select(e => e.RequestHash).ToArray());
        insert.Parameters.AddWithValue("sub", entries.Select(e => e.SubjectId).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("sv", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = entries.Select(e => e.SubjectVersion).ToArray() });
        insert.Parameters.AddWithValue("o", entries.Select(e => e.OccurredOn).ToArray());
        insert.Parameters.AddWithValue("r", entries.Select(e => e.RecordedAt.ToUniversalTime()).ToArray());
        insert.Parameters.AddWithValue("a", entries.Select(e => e.Actor).ToArray());
        insert.Parameters.AddWithValue("ob", entries.Select(e => e.OnBehalf).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("rev", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = entries.Select(e => e.Reverses).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Body).ToArray() });
        insert.Parameters.AddWithValue("ch", candidates.Select(c => c.Hash).ToArray());

        var inserted = new HashSet<long>();
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetInt64(0));
        }

        return inserted;
    }

    private static async Task<Dictionary<(string, string), (Guid Id, long Position, byte[] Hash)>> ReadExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Pending> skipped, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("""
            SELECT e.idem_scope, e.idem_key, e.entry_id, e.position, e.request_hash
            FROM ledger_entries e JOIN unnest(@s, @k) AS t(s, k) ON e.idem_scope = t.s AND e.idem_key = t.k
            """, connection, transaction);
        read.Parameters.AddWithValue("s", skipped.Select(c => c.Entry.IdempotencyScope).ToArray());
        read.Parameters.AddWithValue("k", skipped.Select(c => c.Entry.IdempotencyKey).ToArray());
        var found = new Dictionary<(string, string), (Guid Id, long Position, byte[] Hash)>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[(reader.GetString(0), reader.GetString(1))] = (reader.GetGuid(2), reader.GetInt64(3), (byte[])reader[4]);
        }

        return found;
    }

    private static void AddLines(NpgsqlBatch batch, long batchId, List<Pending> written)
    {
        var lines = written.SelectMany(w => w.Entry.Lines.Select((line, i) => (w.Position, Line: (short)i, line))).ToArray();
        if (lines.Length == 0)
        {
            return;
        }

        var insert = new NpgsqlBatchCommand("""
            INSERT INTO ledger_lines (position, line, batch_id, indicator, year, month, year_to, member, value, scopes)
            SELECT p, l, @batch, i, y, m, yt, mem, v, string_to_array(sc, ' ')
            FROM unnest(@p, @l, @i, @y, @m, @yt, @mem, @v, @sc) AS t(p, l, i, y, m, yt, mem, v, sc)
            """);
        insert.Parameters.AddWithValue("batch", batchId);
        insert.Parameters.AddWithValue("p", lines.Select(x => x.Position).ToArray());
        insert.Parameters.AddWithValue("l", lines.Select(x => x.Line).ToArray());
        insert.Parameters.AddWithValue("i", lines.Select(x => x.line.Indicator).ToArray());
        insert.Parameters.AddWithValue("y", lines.Select(x => x.line.Year).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = lines.Select(x => x.line.Month).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("yt", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = lines.Select(x => x.line.YearTo).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("mem", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = lines.Select(x => x.line.Member).ToArray() });
        insert.Parameters.AddWithValue("v", lines.Select(x => x.line.Value).ToArray());
        insert.Parameters.AddWithValue("sc", lines.Select(x => string.Join(' ', x.line.Scopes)).ToArray());
        batch.BatchCommands.Add(insert);
    }

    private static void AddSubjects(NpgsqlBatch batch, List<Pending> written)
    {
        // The newest change per subject in this batch: one upsert may not touch a row twice.
        var heads = written
            .Where(w => w.Entry is { Kind: EntryKind.SubjectChange, SubjectVersion: not null, Body: not null })
            .GroupBy(w => w.Entry.SubjectId)
            .Select(g => g.MaxBy(w => w.Entry.SubjectVersion)!)
            .ToArray();
        if (heads.Length == 0)
        {
            return;
        }

        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO ledger_subjects (subject_id, version, position, body)
            SELECT s, v, p, b FROM unnest(@s, @v, @p, @b) AS t(s, v, p, b)
            ON CONFLICT (subject_id) DO UPDATE
              SET version = EXCLUDED.version, position = EXCLUDED.position, body = EXCLUDED.body
              WHERE ledger_subjects.version < EXCLUDED.version
            """);
        upsert.Parameters.AddWithValue("s", heads.Select(h => h.Entry.SubjectId).ToArray());
        upsert.Parameters.AddWithValue("v", heads.Select(h => h.Entry.SubjectVersion!.Value).ToArray());
        upsert.Parameters.AddWithValue("p", heads.Select(h => h.Position).ToArray());
        upsert.Parameters.AddWithValue("b", heads.Select(h => h.Entry.Body!).ToArray());
        batch.BatchCommands.Add(upsert);
    }

    public async Task<ScopeTotals> ReadScopeAsync(string scope, long afterPosition, IReadOnlyCollection<long> excludedBatches, CancellationToken cancellationToken = default)
    {
        // One statement, one round trip: a statement sees one snapshot of the database, so the head it reads and the
        // lines it sums agree (every line at or below that head is visible to it).
        await using var command = db.CreateCommand($$"""
            WITH h AS (SELECT position FROM ledger_head WHERE id = 1),
            l AS (
              SELECT indicator, year, month, year_to, member, value FROM ledger_lines, h
              WHERE scopes @> ARRAY[@scope] AND ledger_lines.position > @after AND ledger_lines.position <= h.position
                AND NOT (batch_id = ANY(@excluded)))
            {{ScopeRows}}
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("after", afterPosition);
        command.Parameters.AddWithValue("excluded", excludedBatches.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadScopeRowsAsync(reader, cancellationToken);
    }

    public async Task<ScopeActivation> ActivateScopeAsync(string scope, CancellationToken cancellationToken = default)
    {
        // A roll-up activates with its snapshot, if any, and the lines after the snapshot's head that the snapshot does
        // not count. Two statements, so that the second is planned knowing the head: with the head read in the same
        // statement, the planner ANDed the scopes index with a scan of every position of the ledger (24 ms for a
        // pairing of 200 lines in a ledger of 355,000; a restart under load activates thousands). Only this
        // activation writes the scope's snapshot, so nothing changes it between the two; the second reads the ledger's
        // head and the lines through it in one view. At national scale most activations are of scopes nobody touched
        // before, with no snapshot and a handful of lines.
        long head = 0;
        long[] applied = [];
        byte[]? snapshot = null;
        await using (var kept = db.CreateCommand("SELECT head, applied, state FROM scope_snapshots WHERE scope = @scope"))
        {
            kept.Parameters.AddWithValue("scope", scope);
            await using var reader = await kept.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshot = reader.GetFieldValue<byte[]>(2);
                if (reader.IsDBNull(1))
                {
                    return new ScopeActivation(snapshot, null); // a snapshot from before batches were kept: the grain reads it again
                }

                (head, applied) = (reader.GetInt64(0), reader.GetFieldValue<long[]>(1));
            }
        }

        await using var command = db.CreateCommand($$"""
            WITH h AS (SELECT position FROM ledger_head WHERE id = 1),
            l AS (
              SELECT indicator, year, month, year_to, member, value FROM ledger_lines, h
              WHERE scopes @> ARRAY[@scope] AND ledger_lines.position > @head AND ledger_lines.position <= h.position
                AND NOT (batch_id = ANY(@applied)))
            {{ScopeRows}}
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("head", head);
        command.Parameters.AddWithValue("applied", applied);
        await using var lines = await command.ExecuteReaderAsync(cancellationToken);
        return new ScopeActivation(snapshot, await ReadScopeRowsAsync(lines, cancellationToken));
    }

    public async Task<ScopeActivation> ReadScopeThroughAsync(string scope, long position, CancellationToken cancellationToken = default)
    {
        // The kept snapshot nearest at or below the position (the latest, or a day's), then the lines after its head
        // through the position that it does not count, less those of the batches it counted early that lie beyond
        // the position: at most about a day of lines for a scope that snapshots. Two statements, so that the second
        // is planned knowing the snapshot's head: with the range unknown, the planner ANDs the scopes index with a
        // range scan of every position below (10 ms for a village of 80 lines in a ledger of 200,000 reports).
        long head = 0;
        long[] applied = [];
        byte[]? snapshot = null;
        await using (var kept = db.CreateCommand("""
            SELECT head, applied, state FROM (
              SELECT head, applied, state FROM scope_snapshots WHERE scope = @scope AND applied IS NOT NULL AND head <= @p
              UNION ALL
              SELECT head, applied, state FROM scope_snapshot_days WHERE scope = @scope AND head <= @p) kept
            ORDER BY head DESC LIMIT 1
            """))
        {
            kept.Parameters.AddWithValue("scope", scope);
            kept.Parameters.AddWithValue("p", position);
            await using var reader = await kept.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (head, applied, snapshot) = (reader.GetInt64(0), reader.GetFieldValue<long[]>(1), reader.GetFieldValue<byte[]>(2));
            }
        }

        await using var command = db.CreateCommand($$"""
            WITH h AS (SELECT @p::bigint AS position),
            l AS (
              SELECT indicator, year, month, year_to, member, value FROM ledger_lines
              WHERE scopes @> ARRAY[@scope] AND position > @head AND position <= @p AND NOT (batch_id = ANY(@applied))
              UNION ALL
              SELECT indicator, year, month, year_to, member, -value FROM ledger_lines
              WHERE scopes @> ARRAY[@scope] AND batch_id = ANY(@applied) AND position > @p)
            {{ScopeRows}}
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("p", position);
        command.Parameters.AddWithValue("head", head);
        command.Parameters.AddWithValue("applied", applied);
        await using var lines = await command.ExecuteReaderAsync(cancellationToken);
        return new ScopeActivation(snapshot, await ReadScopeRowsAsync(lines, cancellationToken));
    }

    public async Task<long> PositionAtAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT coalesce((SELECT last_position FROM ledger_batches WHERE committed_at < @at ORDER BY committed_at DESC LIMIT 1), 0)
            """);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The rows of a scope read (CTEs h: the head, l: the lines): kind 0 the head, 1 the sums, 2 the members, 3 how
    /// many lines.
    /// </summary>
    private const string ScopeRows = """
        SELECT 0 AS kind, NULL::text AS indicator, NULL::text AS member, NULL::smallint AS year, NULL::smallint AS month,
               NULL::smallint AS year_to, h.position::numeric AS value FROM h
        UNION ALL
        SELECT 1, indicator, NULL, year, month, NULL, sum(value) FROM l WHERE member IS NULL GROUP BY indicator, year, month
        UNION ALL
        SELECT 2, indicator, member, year, NULL, year_to, sum(value) FROM l WHERE member IS NOT NULL
          GROUP BY indicator, member, year, year_to HAVING sum(value) <> 0
        UNION ALL
        SELECT 3, NULL, NULL, NULL, NULL, NULL, count(*)::numeric FROM l
        """;

    private static async Task<ScopeTotals> ReadScopeRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        long head = 0;
        var lines = 0;
        var sums = new List<ScopeSum>();
        var members = new List<ScopeMember>();
        while (await reader.ReadAsync(cancellationToken))
        {
            switch (reader.GetInt32(0))
            {
                case 0:
                    head = (long)reader.GetDecimal(6);
                    break;
                case 1:
                    sums.Add(new ScopeSum(reader.GetString(1), reader.GetInt16(3), reader.IsDBNull(4) ? null : reader.GetInt16(4), reader.GetDecimal(6)));
                    break;
                case 2:
                    members.Add(new ScopeMember(reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.IsDBNull(5) ? null : reader.GetInt16(5), (int)reader.GetDecimal(6)));
                    break;
                default:
                    lines = (int)reader.GetDecimal(6);
                    break;
            }
        }

        return new ScopeTotals(head, sums, members, lines);
    }

    public async Task<long> HeadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("SELECT position FROM ledger_head WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> DeliveredWatermarkAsync(CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT least(
              coalesce((SELECT min(batch_id) - 1 FROM ledger_batches WHERE NOT delivered), 9223372036854775807),
              (SELECT position FROM ledger_head WHERE id = 1))
            """);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task MarkDeliveredAsync(IReadOnlyCollection<long> batchIds, CancellationToken cancellationToken = default)
    {
        if (batchIds.Count == 0)
        {
            return;
        }

        await using var command = db.CreateCommand("UPDATE ledger_batches SET delivered = true WHERE batch_id = ANY(@b) AND NOT delivered");
        command.Parameters.AddWithValue("b", batchIds.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CommittedBatch>> ReadUndeliveredAsync(TimeSpan olderThan, int max, CancellationToken cancellationToken = default)
    {
        var batches = new List<(long Id, long Last)>();
        await using (var select = db.CreateCommand("""
            SELECT batch_id, last_position FROM ledger_batches
            WHERE NOT delivered AND committed_at < now() - @age ORDER BY batch_id LIMIT @max
            """))
        {
            select.Parameters.AddWithValue("age", olderThan);
            select.Parameters.AddWithValue("max", max);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batches.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        if (batches.Count == 0)
        {
            return [];
        }

        var entries = await ReadEntriesAsync("batch_id = ANY(@b)", c => c.Parameters.AddWithValue("b", batches.Select(b => b.Id).ToArray()), int.MaxValue, cancellationToken);
        var byBatch = entries.ToLookup(e => batches.Last(b => b.Id <= e.Position).Id);
        return batches.Select(b => new CommittedBatch(b.Id, b.Last, byBatch[b.Id].Select(e => new CommittedEntry(e.Position, e.Entry)).ToArray())).ToArray();
    }

    public async Task<SubjectHead?> ReadSubjectAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("SELECT version, position, body FROM ledger_subjects WHERE subject_id = @s");
        command.Parameters.AddWithValue("s", subjectId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SubjectHead(subjectId, reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2))
            : null;
    }

    public async Task<IReadOnlyList<StoredEntry>> ReadSubjectEntriesAsync(string subjectId, int max, CancellationToken cancellationToken = default)
    {
        var newestFirst = await ReadEntriesAsync("subject_id = @s", c => c.Parameters.AddWithValue("s", subjectId), max, cancellationToken, newestFirst: true);
        return newestFirst.Reverse().ToArray();
    }

    public Task<IReadOnlyList<StoredEntry>> ReadSubjectChangesAsync(string subjectId, CancellationToken cancellationToken = default) =>
        ReadEntriesAsync($"subject_id = @s AND kind = {(int)EntryKind.SubjectChange}", c => c.Parameters.AddWithValue("s", subjectId), 100_000, cancellationToken);

    public async Task<StandingReportsPage> ReadStandingReportsAsync(StandingReportsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string where = """
            e.kind = 1
            AND e.position IN (SELECT l.position FROM ledger_lines l WHERE l.scopes @> @scopes AND l.year = @year AND l.member IS NULL
                AND (@indicator::text IS NULL OR l.indicator = @indicator))
            AND (@onbehalf::boolean IS NULL OR e.on_behalf = @onbehalf)
            AND (@through::bigint IS NULL OR e.position <= @through)
            AND (@flagged::boolean IS NULL OR e.flagged = @flagged)
            AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.entry_id)
            AND (@idem::text IS NULL OR e.idem_scope = @idem)
            AND (@approved::boolean IS NULL OR @approved = EXISTS (
                SELECT 1 FROM ledger_entries v WHERE v.kind = 4 AND v.idem_scope = 'review' AND v.idem_key = replace(e.entry_id::text, '-', '')))
            """;
        void Bind(NpgsqlCommand c)
        {
            c.Parameters.AddWithValue("scopes", query.Scopes.ToArray());
            c.Parameters.AddWithValue("year", query.Year);
            c.Parameters.Add(new NpgsqlParameter("idem", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)query.IdempotencyScope ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("approved", NpgsqlTypes.NpgsqlDbType.Boolean) { Value = (object?)query.Approved ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("indicator", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)query.Indicator ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("onbehalf", NpgsqlTypes.NpgsqlDbType.Boolean) { Value = (object?)query.OnBehalf ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("through", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)query.ThroughPosition ?? DBNull.Value });
            c.Parameters.Add(new NpgsqlParameter("flagged", NpgsqlTypes.NpgsqlDbType.Boolean) { Value = (object?)query.Flagged ?? DBNull.Value });
        }

        var entries = await ReadEntriesAsync(where, Bind, Math.Max(0, query.Limit), cancellationToken, query.NewestFirst, Math.Max(0, query.Offset));
        int? total = null;
        if (query.CountTotal)
        {
            await using var count = db.CreateCommand($"SELECT count(*) FROM ledger_entries e WHERE {where}");
            Bind(count);
            total = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return new StandingReportsPage(entries, total);
    }

    public async Task<IReadOnlyDictionary<string, decimal>> SubjectTotalsAsync(string scope, string indicator, short year, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT e.subject_id, sum(l.value) FROM ledger_lines l JOIN ledger_entries e ON e.position = l.position
            WHERE l.scopes @> ARRAY[@scope] AND l.indicator = @indicator AND l.year = @year AND l.member IS NULL
            GROUP BY e.subject_id
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("indicator", indicator);
        command.Parameters.AddWithValue("year", year);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals[reader.GetString(0)] = reader.GetDecimal(1);
        }

        return totals;
    }

    public async Task<IReadOnlyDictionary<string, decimal>> SumBatchAsync(string scope, DateOnly first, DateOnly last, bool ownOnly, long through, CancellationToken cancellationToken = default)
    {
        // Lines carry their year and month, so a quarter is its months; a locality scope is "L:" and the code, and a
        // deeper locality's scope is longer.
        await using var command = db.CreateCommand("""
            SELECT l.indicator, sum(l.value) FROM ledger_lines l
            WHERE l.scopes @> ARRAY[@scope] AND l.member IS NULL AND l.position <= @through AND strpos(l.indicator, ':') = 0
              AND (l.year * 12 + l.month) BETWEEN @from AND @to
              AND (NOT @own OR NOT EXISTS (SELECT 1 FROM unnest(l.scopes) s WHERE s LIKE 'L:%' AND length(s) > length(@scope)))
            GROUP BY l.indicator
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("through", through);
        command.Parameters.AddWithValue("from", (first.Year * 12) + first.Month);
        command.Parameters.AddWithValue("to", (last.Year * 12) + last.Month);
        command.Parameters.AddWithValue("own", ownOnly);
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sums[reader.GetString(0)] = reader.GetDecimal(1);
        }

        return sums;
    }

    public async Task RecordChangeAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var command = db.CreateCommand("""
            INSERT INTO change_records (resource, resource_id, version, at, actor, action, fields) VALUES (@r, @id, @v, @at, @actor, @action, @fields)
            ON CONFLICT (resource, resource_id, version) DO UPDATE
              SET at = EXCLUDED.at, actor = EXCLUDED.actor, action = EXCLUDED.action, fields = EXCLUDED.fields
            """);
        command.Parameters.AddWithValue("r", change.Resource);
        command.Parameters.AddWithValue("id", change.ResourceId);
        command.Parameters.AddWithValue("v", change.Version);
        command.Parameters.AddWithValue("at", change.At);
        command.Parameters.AddWithValue("actor", change.Actor);
        command.Parameters.AddWithValue("action", change.Action);
        command.Parameters.AddWithValue("fields", change.Fields);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new LedgerUnavailableException("The change could not be recorded; nothing was changed.", e);
        }
    }

    public async Task<IReadOnlyList<ChangeRecord>> ReadChangesAsync(string resource, string resourceId, int throughVersion, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT version, at, actor, action, fields FROM change_records
            WHERE resource = @r AND resource_id = @id AND version <= @through ORDER BY version
            """);
        command.Parameters.AddWithValue("r", resource);
        command.Parameters.AddWithValue("id", resourceId);
        command.Parameters.AddWithValue("through", throughVersion);
        var records = new List<ChangeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ChangeRecord(resource, resourceId, reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return records;
    }

    public async Task<StoredEntry?> FindAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        (await ReadEntriesAsync("entry_id = @id", c => c.Parameters.AddWithValue("id", entryId), 1, cancellationToken)).SingleOrDefault();

    public async Task<StoredEntry?> FindByKeyAsync(string idempotencyScope, string idempotencyKey, CancellationToken cancellationToken = default) =>
        (await ReadEntriesAsync("idem_scope = @scope AND idem_key = @key", c =>
        {
            c.Parameters.AddWithValue("scope", idempotencyScope);
            c.Parameters.AddWithValue("key", idempotencyKey);
        }, 1, cancellationToken)).SingleOrDefault();

    public async Task<bool> IsReversedAsync(Guid entryId, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE reverses = @id)");
        command.Parameters.AddWithValue("id", entryId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task SaveSnapshotAsync(string scope, long head, IReadOnlyCollection<long> applied, byte[] state, CancellationToken cancellationToken = default)
    {
        // A snapshot never goes back: a slower writer with an older head leaves the newer one alone. The first of a
        // day (China Standard Time) is also kept for that day, for reads as of a past position.
        await using var command = db.CreateCommand("""
            WITH saved AS (
              INSERT INTO scope_snapshots (scope, head, applied, state, written_at) VALUES (@s, @h, @a, @st, now())
              ON CONFLICT (scope) DO UPDATE SET head = EXCLUDED.head, applied = EXCLUDED.applied, state = EXCLUDED.state, written_at = now()
              WHERE scope_snapshots.head <= EXCLUDED.head
              RETURNING scope, head, applied, state)
            INSERT INTO scope_snapshot_days (scope, day, head, applied, state)
            SELECT scope, ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date, head, applied, state FROM saved
            ON CONFLICT (scope, day) DO NOTHING
            """);
        command.Parameters.AddWithValue("s", scope);
        command.Parameters.AddWithValue("h", head);
        command.Parameters.AddWithValue("a", applied.ToArray());
        command.Parameters.AddWithValue("st", state);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DateOnly>> LatestReportDatesAsync(DateOnly? through = null, CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT e.subject_id, max(e.occurred_on) FROM ledger_entries e
            WHERE e.kind = 1 AND e.occurred_on <= @through AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.entry_id)
            GROUP BY e.subject_id
            """);
        command.Parameters.AddWithValue("through", through ?? DateOnly.MaxValue);
        var latest = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetString(0)] = reader.GetFieldValue<DateOnly>(1);
        }

        return latest;
    }

    public Task<IReadOnlyList<Verification.LedgerDigest>> ReadDigestsAsync(int max, CancellationToken cancellationToken = default) =>
        Verification.LedgerDigestWriter.ReadAsync(db, max, cancellationToken);

    public async Task<IReadOnlyDictionary<(string Scope, string Indicator, short Year), decimal>> SumAllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = db.CreateCommand("""
            SELECT s.scope, l.indicator, l.year, sum(l.value)
            FROM ledger_lines l CROSS JOIN LATERAL unnest(l.scopes) AS s(scope)
            WHERE l.member IS NULL GROUP BY s.scope, l.indicator, l.year
            """);
        var sums = new Dictionary<(string, string, short), decimal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sums[(reader.GetString(0), reader.GetString(1), reader.GetInt16(2))] = reader.GetDecimal(3);
        }

        return sums;
    }

    private async Task<IReadOnlyList<StoredEntry>> ReadEntriesAsync(string where, Action<NpgsqlCommand> bind, int max, CancellationToken cancellationToken, bool newestFirst = false, int offset = 0)
    {
        await using var command = db.CreateCommand($"""
            SELECT e.position, e.entry_id, e.kind, e.idem_scope, e.idem_key, e.request_hash, e.subject_id, e.subject_version,
                   e.occurred_on, e.recorded_at, e.actor, e.on_behalf, e.reverses, e.body,
                   coalesce((SELECT array_agg(l.indicator || chr(31) || l.year || chr(31) || coalesce(l.month::text, '') || chr(31) ||
                                              coalesce(l.year_to::text, '') || chr(31) || coalesce(l.member, '') || chr(31) || l.value || chr(31) ||
                                              array_to_string(l.scopes, ' ') ORDER BY l.line)
                             FROM ledger_lines l WHERE l.position = e.position), ARRAY[]::text[])
            FROM ledger_entries e WHERE {where}
            ORDER BY e.position {(newestFirst ? "DESC" : "ASC")} LIMIT @max OFFSET @offset
            """);
        bind(command);
        command.Parameters.AddWithValue("max", max);
        command.Parameters.AddWithValue("offset", offset);
        var entries = new List<StoredEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lines = reader.GetFieldValue<string[]>(14).Select(ParseLine).ToArray();
            entries.Add(new StoredEntry(reader.GetInt64(0), new LedgerEntry(
                reader.GetGuid(1), (EntryKind)reader.GetInt16(2), reader.GetString(3), reader.GetString(4), (byte[])reader[5],
                reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetFieldValue<DateOnly>(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10), reader.GetBoolean(11),
                reader.IsDBNull(12) ? null : reader.GetGuid(12), reader.IsDBNull(13) ? null : reader.GetString(13), lines)));
        }

        return entries;
    }

    private static LedgerLine ParseLine(string packed)
    {
        var f = packed.Split('\u001f');
        return new LedgerLine(
            f[0], short.Parse(f[1]), f[2].Length == 0 ? null : short.Parse(f[2]), f[3].Length == 0 ? null : short.Parse(f[3]),
            f[4].Length == 0 ? null : f[4], decimal.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture), f[6].Split(' '));
    }

    private sealed class Pending(LedgerEntry entry)
    {
        public LedgerEntry Entry { get; } = entry;

        public long Position { get; set; }

        public byte[] Hash { get; set; } = EntryChain.Genesis;

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
