using System.Security.Cryptography;
using System.Text;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The PostgreSQL ledger itself: group commit, idempotency across writers, commit order, durability.</summary>
public sealed class LedgerTests
{
    private static Task<PostgresLedger> StartLedgerAsync(NpgsqlDataSource db) => TestEnvironment.StartLedgerAsync(db);

    /// <summary>Two ledger writers (as two hosts) on one fresh database, stopped after the test body.</summary>
    private static async Task WithTwoWritersAsync(Func<PostgresLedger, PostgresLedger, Task> body)
    {
        var connectionString = await TestEnvironment.NewDatabaseAsync("ledger");
        await using var dbA = NpgsqlDataSource.Create(connectionString);
        await using var dbB = NpgsqlDataSource.Create(connectionString);
        var a = await StartLedgerAsync(dbA);
        var b = await StartLedgerAsync(dbB);
        try
        {
            await body(a, b);
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
            await b.StopAsync(CancellationToken.None);
        }
    }

    private static LedgerEntry Report(string key, decimal value, string scope = "L:5205", string actor = "reporter") =>
        new(Guid.NewGuid(), EntryKind.Report, actor, key, SHA256.HashData(Encoding.UTF8.GetBytes($"{key}:{value}")), "s-1", null,
            new DateOnly(2023, 9, 1), DateTimeOffset.UtcNow, actor, false, null, $"{{\"v\":{value}}}",
            [new LedgerLine("clinic_person_times", 2023, 9, null, null, value, [scope, "S:s-1"])]);

    [Fact]
    public async Task Concurrent_appends_share_commits_and_each_is_durable_when_acknowledged()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("ledger"));
        var ledger = await StartLedgerAsync(db);
        try
        {
            const int count = 400;
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                var result = await ledger.AppendAsync(Report($"k{i}", i + 1));
                // Acknowledged means committed: another connection sees it at once.
                await using var check = db.CreateCommand("SELECT count(*) FROM ledger_entries WHERE entry_id = @id");
                check.Parameters.AddWithValue("id", result.EntryId);
                Assert.Equal(1L, (long)(await check.ExecuteScalarAsync())!);
                return result;
            }));

            Assert.All(results, r => Assert.Equal(AppendOutcome.Committed, r.Outcome));
            Assert.Equal(count, results.Select(r => r.Position).Distinct().Count());
            await using var batches = db.CreateCommand("SELECT count(*) FROM ledger_batches");
            var commits = (long)(await batches.ExecuteScalarAsync())!;
            Assert.True(commits < count / 2, $"{count} concurrent appends took {commits} commits; group commit should share them");
            var sums = await ledger.SumAllAsync();
            Assert.Equal(count * (count + 1) / 2m, sums[("L:5205", "clinic_person_times", 2023)]);
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_commit_past_its_time_is_answered_unavailable_appends_meanwhile_are_refused_at_once_and_retries_stand_once()
    {
        var connectionString = await TestEnvironment.NewDatabaseAsync("ledger");
        await using var db = NpgsqlDataSource.Create(connectionString);
        var ledger = await TestEnvironment.StartLedgerAsync(db, new LedgerOptions { CommitTimeout = TimeSpan.FromMilliseconds(500) });
        try
        {
            // Another session holds the head's row: the writer's commit waits on it, as on a store it cannot reach.
            await using var blocker = await db.OpenConnectionAsync();
            await using var hold = await HoldTheHeadAsync(blocker);

            var waited = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AppendAsync(Report("held", 7)).WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"answered after {waited.Elapsed}");
            waited.Restart();
            await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AppendAsync(Report("meanwhile", 2)).WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.True(waited.Elapsed < TimeSpan.FromMilliseconds(400), $"refused after {waited.Elapsed}, not at once");
            await hold.RollbackAsync();

            // The stalled commit lands once the head is free; the retries under the same keys stand once each.
            await PollAsync(async () => await ledger.FindByKeyAsync("reporter", "held") is not null, TimeSpan.FromSeconds(15));
            Assert.Equal(AppendOutcome.Duplicate, (await ledger.AppendAsync(Report("held", 7))).Outcome);
            Assert.Equal(AppendOutcome.Committed, (await ledger.AppendAsync(Report("meanwhile", 2))).Outcome);
            Assert.Equal(9m, (await ledger.SumAllAsync())[("L:5205", "clinic_person_times", 2023)]);
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_writer_silent_in_the_middle_of_its_commit_holds_the_other_writers_only_until_the_server_ends_its_session()
    {
        var connectionString = await TestEnvironment.NewDatabaseAsync("ledger");
        var options = new LedgerOptions { IdleInTransactionTimeout = TimeSpan.FromSeconds(1), CommitTimeout = TimeSpan.FromSeconds(15) };
        await using var db = LedgerDataSource.Create(connectionString, options);
        await using var silentDb = LedgerDataSource.Create(connectionString, options);
        var ledger = await TestEnvironment.StartLedgerAsync(db, options);
        try
        {
            // Another host's writer took the head's row lock, as a commit's first statement does, and fell silent
            // (cut off, or frozen): its session is idle in a transaction.
            await using var silent = await silentDb.OpenConnectionAsync();
            await using var hold = await HoldTheHeadAsync(silent);

            var waited = System.Diagnostics.Stopwatch.StartNew();
            var result = await ledger.AppendAsync(Report("after-silence", 3)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(AppendOutcome.Committed, result.Outcome);
            Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(900), $"committed after {waited.Elapsed}: the silent writer did not hold the head");

            // The server ended the silent session and rolled its transaction back: it can commit nothing.
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => hold.CommitAsync());
            Assert.Equal(3m, (await ledger.SumAllAsync())[("L:5205", "clinic_person_times", 2023)]);
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Takes the ledger head's row lock in a transaction of its own, as a commit's first statement does, and keeps it.</summary>
    private static async Task<NpgsqlTransaction> HoldTheHeadAsync(NpgsqlConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync();
        await using var reserve = new NpgsqlCommand("UPDATE ledger_head SET position = position WHERE id = 1", connection, transaction);
        await reserve.ExecuteNonQueryAsync();
        return transaction;
    }

    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }

    [Fact]
    public Task A_key_retried_through_two_writers_at_once_is_committed_once_and_another_body_under_it_is_refused() =>
        WithTwoWritersAsync(async (a, b) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? a : b).AppendAsync(Report("same-key", 5))));

            Assert.Equal(1, results.Count(r => r.Outcome == AppendOutcome.Committed));
            Assert.All(results, r => Assert.NotEqual(AppendOutcome.KeyReused, r.Outcome));
            Assert.Single(results.Select(r => r.EntryId).Distinct());
            var reused = await a.AppendAsync(Report("same-key", 6));
            Assert.Equal(AppendOutcome.KeyReused, reused.Outcome);
            Assert.Equal(5m, (await a.SumAllAsync())[("L:5205", "clinic_person_times", 2023)]);
        });

    [Fact]
    public Task Positions_follow_commit_order_so_a_reader_at_the_head_misses_nothing_committed_later() =>
        WithTwoWritersAsync(async (a, b) =>
        {
            // Two writers commit concurrently while a reader repeatedly takes "everything after what I saw".
            var seen = 0m;
            long position = 0;
            var writing = Task.WhenAll(Enumerable.Range(0, 300).Select(i => (i % 2 == 0 ? a : b).AppendAsync(Report($"c{i}", 1))));
            while (!writing.IsCompleted)
            {
                var totals = await a.ReadScopeAsync("L:5205", position, []);
                seen += totals.Sums.Sum(s => s.Value);
                position = totals.Head;
            }

            await writing;
            var rest = await a.ReadScopeAsync("L:5205", position, []);
            Assert.Equal(300m, seen + rest.Sums.Sum(s => s.Value));
        });

    [Fact]
    public async Task Committed_entries_survive_the_writer_and_the_schema_migrates_once()
    {
        var connectionString = await TestEnvironment.NewDatabaseAsync("ledger");
        Guid id;
        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            var first = await StartLedgerAsync(db);
            id = (await first.AppendAsync(Report("durable", 42))).EntryId;
            await first.StopAsync(CancellationToken.None);
        }

        await using (var db = NpgsqlDataSource.Create(connectionString))
        {
            var second = await StartLedgerAsync(db);
            var stored = await second.FindAsync(id);
            Assert.NotNull(stored);
            Assert.Equal(42m, stored.Entry.Lines.Single().Value);
            Assert.Equal(LedgerMigrator.Migrations[^1].Id, second.SchemaVersion);
            await using var migrations = db.CreateCommand("SELECT count(*) FROM bijie_migrations WHERE component = 'ledger'");
            Assert.Equal((long)LedgerMigrator.Migrations.Count, (long)(await migrations.ExecuteScalarAsync())!);

            // The scopes index keeps a small pending list: a roll-up's activation searches all of it.
            await using var options = db.CreateCommand("SELECT reloptions FROM pg_class WHERE relname = 'ledger_lines_scopes'");
            Assert.Contains("gin_pending_list_limit=128", (string[])(await options.ExecuteScalarAsync())!);
            await second.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_roll_up_activates_in_one_read_with_its_snapshot_and_only_the_lines_the_snapshot_does_not_count()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("ledger"));
        var ledger = await StartLedgerAsync(db);
        try
        {
            const string scope = "L:5205";
            // One at a time, so that each is a batch of its own (a batch is named by its first position).
            var first = await ledger.AppendAsync(Report("a", 1, scope));
            var second = await ledger.AppendAsync(Report("b", 2, scope));
            var third = await ledger.AppendAsync(Report("c", 4, scope));
            await ledger.AppendAsync(Report("elsewhere", 8, "L:5202"));

            // No snapshot: every line of the scope.
            var fresh = await ledger.ActivateScopeAsync(scope);
            Assert.Null(fresh.Snapshot);
            Assert.Equal(7m, fresh.Unsaved!.Sums.Sum(x => x.Value));
            Assert.Equal(3, fresh.Unsaved.Lines);
            Assert.Equal(await ledger.HeadAsync(), fresh.Unsaved.Head);

            // A snapshot through the first report that had also counted the third: only the second is read.
            byte[] state = [1, 2, 3];
            await ledger.SaveSnapshotAsync(scope, first.Position, [third.Position], state);
            var resumed = await ledger.ActivateScopeAsync(scope);
            Assert.Equal(state, resumed.Snapshot);
            Assert.Equal(2m, Assert.Single(resumed.Unsaved!.Sums).Value);
            Assert.Equal(1, resumed.Unsaved.Lines);

            // A snapshot that never goes back: an older head leaves the newer one.
            await ledger.SaveSnapshotAsync(scope, first.Position - 1, [], [9]);
            Assert.Equal(state, (await ledger.ActivateScopeAsync(scope)).Snapshot);

            // A snapshot written before its counted batches were recorded beside it: no lines, the caller reads them.
            await using (var older = db.CreateCommand("UPDATE scope_snapshots SET applied = NULL WHERE scope = @s"))
            {
                older.Parameters.AddWithValue("s", scope);
                await older.ExecuteNonQueryAsync();
            }

            var legacy = await ledger.ActivateScopeAsync(scope);
            Assert.Equal(state, legacy.Snapshot);
            Assert.Null(legacy.Unsaved);
            Assert.Equal(2m, (await ledger.ReadScopeAsync(scope, first.Position, [third.Position])).Sums.Sum(x => x.Value));
            Assert.True(second.Position > first.Position);
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }
}
