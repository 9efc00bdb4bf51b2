using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// A scope as the ledger stood at a position or a time: read from the nearest snapshot kept at or below it and
/// the lines between, and equal to the sums of every line through that position.
/// </summary>
public sealed class LedgerAsOfTests
{
    private const string Scope = "L:5205";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static LedgerEntry Entry(int i)
    {
        var lines = new List<LedgerLine>
        {
            new("clinic_person_times", 2026, (short)(1 + i % 12), null, null, i * 1.5m - (i % 7 == 0 ? 40 : 0), [Scope, $"L:52050{1 + i % 3}"]),
            new("people_trained", (short)(2025 + i % 2), null, null, null, i, [Scope]),
        };
        if (i % 5 == 0)
        {
            // Members come and go: an enterprise joins, and every tenth leaves again.
            lines.Add(new LedgerLine("enterprises_paired", 2026, null, null, $"e{i / 10}", i % 10 == 0 && i > 0 ? -1 : 1, [Scope]));
        }

        return LedgerEntry.Report("asof", $"k{i}", "pairing-1", new DateOnly(2026, 1 + i % 12, 1), Start.AddHours(i), "reporter", false, $$"""{"i":{{i}}}""", lines);
    }

    [Fact]
    public async Task A_scope_as_of_any_position_or_time_equals_the_sums_of_its_lines_through_it_from_whichever_snapshot_is_kept()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("asof"));
        var ledger = await TestEnvironment.StartLedgerAsync(db);
        try
        {
            // One batch each, committed an hour apart (the commit times are set as if the reports came over 3 days).
            var positions = new List<long>();
            for (var i = 0; i < 72; i++)
            {
                var appended = await ledger.AppendAsync(Entry(i));
                positions.Add(appended.Position);
                await using var at = db.CreateCommand("UPDATE ledger_batches SET committed_at = @t WHERE batch_id = @b");
                at.Parameters.AddWithValue("t", Start.AddHours(i).AddMinutes(30).ToUniversalTime());
                at.Parameters.AddWithValue("b", appended.Position);
                await at.ExecuteNonQueryAsync();
            }

            // Snapshots as the roll-up writes them: at a head, counting one batch above it that had arrived early. The
            // first of a day is also kept for that day; the second is kept as another day's by hand, the third is only
            // the latest.
            async Task SnapshotAsync(int through, int early)
            {
                var (head, batch) = (positions[through], positions[early]);
                var rollup = await DirectAsync(db, "position <= @p OR batch_id = @b", head, batch);
                var snapshot = new ScopeSnapshot { Head = head, Applied = [batch], Sums = [.. rollup.SumRows], Members = [.. rollup.MemberRows] };
                await ledger.SaveSnapshotAsync(Scope, head, [batch], ScopeSnapshot.Pack(snapshot));
            }

            await SnapshotAsync(20, 25);
            await SnapshotAsync(44, 46);
            await using (var keep = db.CreateCommand("INSERT INTO scope_snapshot_days (scope, day, head, applied, state) SELECT scope, '2020-01-01', head, applied, state FROM scope_snapshots"))
            {
                await keep.ExecuteNonQueryAsync();
            }

            await SnapshotAsync(60, 61);
            await using (var kept = db.CreateCommand("SELECT count(*) FROM scope_snapshot_days"))
            {
                Assert.Equal(2L, (long)(await kept.ExecuteScalarAsync())!);
            }

            var random = new Random(20261206);
            var asked = Enumerable.Range(0, 40).Select(_ => positions[random.Next(positions.Count)]).Concat([0, positions[20], positions[22], positions[25], positions[45], positions[^1]]);
            foreach (var position in asked)
            {
                var read = await ledger.ReadScopeThroughAsync(Scope, position);
                Assert.Equal(position, read.Unsaved!.Head);
                AssertSame(await DirectAsync(db, "position <= @p", position), RollupTotals.From(read), $"position {position}");
            }

            // By time: the last batch committed before it.
            Assert.Equal(0, await ledger.PositionAtAsync(Start));
            Assert.Equal(positions[0], await ledger.PositionAtAsync(Start.AddMinutes(31)));
            Assert.Equal(positions[47], await ledger.PositionAtAsync(Start.AddHours(48)));
            Assert.Equal(positions[^1], await ledger.PositionAtAsync(Start.AddDays(30)));
        }
        finally
        {
            await ledger.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The scope's lines that meet <paramref name="where"/> summed straight from the table.</summary>
    private static async Task<RollupTotals> DirectAsync(NpgsqlDataSource db, string where, long position, long batch = 0)
    {
        var totals = new RollupTotals();
        await using var command = db.CreateCommand($"""
            SELECT indicator, year, coalesce(month, 0), member, year_to, sum(value) FROM ledger_lines
            WHERE scopes @> ARRAY['L:5205'] AND ({where}) GROUP BY 1, 2, 3, 4, 5
            """);
        command.Parameters.AddWithValue("p", position);
        command.Parameters.AddWithValue("b", batch);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(3))
            {
                totals.AddSum(reader.GetString(0), reader.GetInt16(1), reader.GetInt16(2), reader.GetDecimal(5));
            }
            else
            {
                totals.AddMember(reader.GetString(0), reader.GetString(3), reader.GetInt16(1), reader.IsDBNull(4) ? null : reader.GetInt16(4), (int)reader.GetDecimal(5));
            }
        }

        return totals;
    }

    private static void AssertSame(RollupTotals expected, RollupTotals actual, string what)
    {
        static string[] Rows(RollupTotals t) =>
            [.. t.SumRows.Where(s => s.Value != 0).Select(s => $"{s.Indicator} {s.Year}-{s.Month} {s.Value:0.00}").Order(StringComparer.Ordinal),
             .. t.MemberRows.Select(m => $"{m.Indicator} {m.Member} {m.Year} {m.YearTo} x{m.Count}").Order(StringComparer.Ordinal)];
        Assert.True(Rows(expected).SequenceEqual(Rows(actual)), $"{what}: expected\n{string.Join('\n', Rows(expected))}\nread\n{string.Join('\n', Rows(actual))}");
    }
}
