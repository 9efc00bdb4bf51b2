using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;
using Bijie.Actors.Ledger.Verification;
using Bijie.Actors.Verify;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The ledger's hash chain and its verifier (the program behind deploy/verify-ledger.sh): a clean store is intact,
/// and a row changed, added or removed behind the system's back is named.
/// </summary>
public sealed class LedgerVerificationTests
{
    private const string Scope = "L:5205";

    private static LedgerEntry Report(string key, decimal value, int month = 9) =>
        LedgerEntry.Report("reporter-1", key, "pairing-1", new DateOnly(2026, month, 1),
            // Ticks below a microsecond: the store keeps microseconds, and the chain must agree with what it keeps.
            DateTimeOffset.UtcNow.AddTicks(7), "reporter-1", false, $$"""{"values": {"clinic_person_times": {{value}}}, "note": "诊疗 {{key}}"}""",
            [new LedgerLine("clinic_person_times", 2026, (short)month, null, null, value, [Scope, "L:520502", "S:pairing-1"])]);

    private static async Task<(NpgsqlDataSource Db, PostgresLedger Ledger, IReadOnlyList<AppendResult> Appended)> StartWithEntriesAsync()
    {
        var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("verify"));
        var ledger = await TestEnvironment.StartLedgerAsync(db);

        var appended = new List<AppendResult>();
        // Concurrent appends share commits; a retry of a committed key takes no row and leaves a gap in the positions.
        appended.AddRange(await Task.WhenAll(Enumerable.Range(1, 40).Select(i => ledger.AppendAsync(Report($"k{i}", i + 0.25m, 1 + (i % 12))))));
        // A retry beside new entries: when they share a commit, the chain runs over the rows written.
        appended.AddRange(await Task.WhenAll(ledger.AppendAsync(Report("k1", 1.25m, 2)), ledger.AppendAsync(Report("k41", 41.5m)), ledger.AppendAsync(Report("k42", 0.01m))));
        var original = (await ledger.FindAsync(appended[3].EntryId))!.Entry;
        appended.Add(await ledger.AppendAsync(LedgerEntry.ReversalOf(original, DateTimeOffset.UtcNow, "office", false, """{"reason":"重复填报"}""",
            original.Lines.Select(l => l with { Value = -l.Value }).ToArray())));
        appended.Add(await ledger.AppendAsync(LedgerEntry.SubjectChange("pairing-1", 1, new DateOnly(2026, 1, 5), DateTimeOffset.UtcNow, "office",
            """{"id":"pairing-1","status":"active"}""", [new LedgerLine("pairings_active", 2026, null, null, "pairing-1", 1, [Scope])])));
        appended.Add(await ledger.AppendAsync(LedgerEntry.SubjectChange("pairing-1", 2, new DateOnly(2026, 6, 5), DateTimeOffset.UtcNow, "office",
            """{"id":"pairing-1","status":"ended"}""", [])));
        appended.Add(await ledger.AppendAsync(Report("after-subjects", 3)));
        return (db, ledger, appended);
    }

    private static async Task<(int Code, string Output)> VerifyAsync(NpgsqlDataSource db, params string[] digests)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var args = new List<string> { "--connection", db.ConnectionString + ";Password=" + new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres).Password };
        foreach (var digest in digests)
        {
            args.Add("--digest");
            args.Add(digest);
        }

        var code = await VerifyCommand.RunAsync([.. args], output, error);
        Assert.True(code != 2, "the verifier could not run: " + error);
        return (code, output.ToString());
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_ledger_written_by_the_committer_verifies_intact_with_its_snapshots_subjects_and_digest()
    {
        var (db, ledger, appended) = await StartWithEntriesAsync();
        await using var _ = db;
        try
        {
            Assert.Equal(AppendOutcome.Duplicate, appended[40].Outcome);
            // A snapshot as a roll-up writes it: the scope's sums through the head.
            var totals = await ledger.ReadScopeAsync(Scope, 0, []);
            var snapshot = new ScopeSnapshot { Head = totals.Head };
            foreach (var sum in totals.Sums)
            {
                snapshot.Sums.Add(new ScopeSnapshot.SumRow(sum.Indicator, sum.Year, sum.Month ?? 0, sum.Value));
            }

            foreach (var member in totals.Members)
            {
                snapshot.Members.Add(new ScopeSnapshot.MemberRow(member.Indicator, member.Member, member.Year, member.YearTo, member.Count));
            }

            await ledger.SaveSnapshotAsync(Scope, totals.Head, [], ScopeSnapshot.Pack(snapshot));
            var digest = await new LedgerDigestWriter(db, ledger, Options.Create(new LedgerOptions()), TimeProvider.System, NullLogger<LedgerDigestWriter>.Instance)
                .WriteAsync(new DateOnly(2026, 12, 1));

            var (code, output) = await VerifyAsync(db, digest.ToString());
            Assert.True(code == 0, output);
            Assert.Contains("verify: intact", output);
            var rows = appended.Count(a => a.Outcome == AppendOutcome.Committed);
            Assert.Contains($"{rows} entries, {rows} chained from position 1", output);
            Assert.Contains("checked 1 subject heads, 1 roll-up snapshots, 2 digests", output);

            // A snapshot that says more than the ledger holds is named.
            snapshot.Sums[0] = snapshot.Sums[0] with { Value = snapshot.Sums[0].Value + 1 };
            await ledger.SaveSnapshotAsync(Scope, totals.Head, [], ScopeSnapshot.Pack(snapshot));
            (code, output) = await VerifyAsync(db);
            Assert.Equal(1, code);
            Assert.Contains($"MISMATCH snapshot-mismatch: snapshot of {Scope}: clinic_person_times", output);
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_line_a_body_or_a_subject_head_changed_behind_the_systems_back_is_named_and_the_first_changed_entry_given()
    {
        var (db, ledger, appended) = await StartWithEntriesAsync();
        await using var _ = db;
        await ledger.StopAsync(CancellationToken.None);
        var target = appended[10].Position;

        // A figure raised in the lines the boards are summed from.
        await ExecuteAsync(db, "UPDATE ledger_lines SET value = value + 100 WHERE position = @p", ("p", target));
        var (code, output) = await VerifyAsync(db);
        Assert.Equal(1, code);
        Assert.Contains($"MISMATCH entry-changed at {target}: entry at position {target} ({appended[10].EntryId}, Report of pairing-1)", output);
        Assert.Contains($"the first is at {target}", output);
        Assert.Single(output.Split('\n'), l => l.StartsWith("MISMATCH", StringComparison.Ordinal));
        await ExecuteAsync(db, "UPDATE ledger_lines SET value = value - 100 WHERE position = @p", ("p", target));
        Assert.Equal(0, (await VerifyAsync(db)).Code);

        // A body rewritten, one character.
        await ExecuteAsync(db, "UPDATE ledger_entries SET body = replace(body, '诊疗', '诊察') WHERE position = @p", ("p", target));
        (code, output) = await VerifyAsync(db);
        Assert.Equal(1, code);
        Assert.Contains($"MISMATCH entry-changed at {target}", output);
        await ExecuteAsync(db, "UPDATE ledger_entries SET body = replace(body, '诊察', '诊疗') WHERE position = @p", ("p", target));

        // A line added to no entry: the boards would count it.
        await ExecuteAsync(db, """
            INSERT INTO ledger_lines (position, line, batch_id, indicator, year, value, scopes)
            VALUES (999999, 0, 999999, 'clinic_person_times', 2026, 5000, ARRAY['L:5205'])
            """);
        (code, output) = await VerifyAsync(db);
        Assert.Equal(1, code);
        Assert.Contains("MISMATCH line-stray at 999999: line 0 at position 999999 belongs to no entry", output);
        await ExecuteAsync(db, "DELETE FROM ledger_lines WHERE position = 999999");

        // A subject's head moved back to an older version.
        await ExecuteAsync(db, "UPDATE ledger_subjects SET body = '{\"id\":\"pairing-1\",\"status\":\"active\"}' WHERE subject_id = 'pairing-1'");
        (code, output) = await VerifyAsync(db);
        Assert.Equal(1, code);
        Assert.Contains("MISMATCH subject-mismatch: subject pairing-1: head's body differs from its newest change (version 2)", output);
        await ExecuteAsync(db, "UPDATE ledger_subjects SET body = '{\"id\":\"pairing-1\",\"status\":\"ended\"}' WHERE subject_id = 'pairing-1'");
        Assert.Equal(0, (await VerifyAsync(db)).Code);

        // An entry removed with its lines: the chain breaks at the entry after it.
        var next = appended.Where(a => a.Position > target && a.Outcome == AppendOutcome.Committed).Min(a => a.Position);
        await ExecuteAsync(db, "DELETE FROM ledger_lines WHERE position = @p; DELETE FROM ledger_entries WHERE position = @p", ("p", target));
        (code, output) = await VerifyAsync(db);
        Assert.Equal(1, code);
        Assert.Contains($"MISMATCH entry-changed at {next}", output);
    }

    [Fact]
    public async Task A_ledger_rewritten_with_a_recomputed_chain_passes_its_own_checks_and_fails_against_the_digest_kept_outside()
    {
        var (db, ledger, appended) = await StartWithEntriesAsync();
        await using var _ = db;
        var printed = await new LedgerDigestWriter(db, ledger, Options.Create(new LedgerOptions()), TimeProvider.System, NullLogger<LedgerDigestWriter>.Instance)
            .WriteAsync(new DateOnly(2026, 12, 2));
        await ledger.StopAsync(CancellationToken.None);

        // Someone with the database's password changes a figure and recomputes every hash after it, the head's and the
        // digest's: the store agrees with itself again.
        var target = appended[5].Position;
        await ExecuteAsync(db, "UPDATE ledger_lines SET value = value * 10 WHERE position = @p", ("p", target));
        var chain = EntryChain.Genesis;
        foreach (var (position, entry) in await ledger.ReadSubjectEntriesAsync("pairing-1", int.MaxValue))
        {
            chain = EntryChain.Hash(chain, position, entry);
            await ExecuteAsync(db, "UPDATE ledger_entries SET hash = @h WHERE position = @p", ("h", chain), ("p", position));
        }

        await ExecuteAsync(db, "UPDATE ledger_head SET hash = @h", ("h", chain));
        await ExecuteAsync(db, "UPDATE ledger_digests SET hash = @h", ("h", chain));
        var (code, output) = await VerifyAsync(db);
        Assert.True(code == 0, output);

        // The digest printed before the change does not match the rewritten ledger.
        (code, output) = await VerifyAsync(db, printed.ToString());
        Assert.Equal(1, code);
        Assert.Contains($"MISMATCH digest-mismatch at {printed.Position}: the given digest says the chain stood at {Convert.ToHexStringLower(printed.Hash)}", output);
    }

    [Fact]
    public async Task Two_writers_committing_at_once_chain_every_entry_in_commit_order()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("verify"));
        await using var other = NpgsqlDataSource.Create(db.ConnectionString + ";Password=" + new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres).Password);
        var writers = new[] { await TestEnvironment.StartLedgerAsync(db, new LedgerOptions { MaxBatch = 16 }), await TestEnvironment.StartLedgerAsync(other, new LedgerOptions { MaxBatch = 16 }) };

        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => writers[i % 2].AppendAsync(Report($"w{i}", i))));
            Assert.All(results, r => Assert.Equal(AppendOutcome.Committed, r.Outcome));
            var (code, output) = await VerifyAsync(db);
            Assert.True(code == 0, output);
            Assert.Contains("400 entries, 400 chained", output);
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.StopAsync(CancellationToken.None);
            }
        }
    }
}
