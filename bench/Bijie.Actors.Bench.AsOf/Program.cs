using System.Diagnostics;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

// bench-as-of --connection CS [--reports 200000] [--days 365] [--reads 200]
// Fills a fresh ledger database with a year of reports over a city of 8 counties, 280 townships and 3,920 villages
// (two lines each: a figure and a member), commit times spread over --days, and the roll-up snapshots a city and its
// counties keep (the first of each day); then reads boards as of random days the way the board reader does (the
// position at the day's end, the kept snapshot and the lines after it, then the board) and prints p50/p99.
var options = new Dictionary<string, string> { ["--reports"] = "200000", ["--days"] = "365", ["--reads"] = "200" };
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--connection", out var connection))
{
    Console.Error.WriteLine("usage: bench-as-of --connection \"<PostgreSQL connection string of an empty database>\" [--reports N] [--days D] [--reads R]");
    return 2;
}

var reports = int.Parse(options["--reports"]);
var days = int.Parse(options["--days"]);
var reads = int.Parse(options["--reads"]);
const string City = "L:5205";
var counties = Enumerable.Range(1, 8).Select(c => $"52050{c}").ToArray();
string Township(int i) => $"{counties[i % 8]}{1 + i / 8 % 35:000}";
string Village(int i) => $"{Township(i)}{1 + i / 280 % 14:000}";
var start = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

await using var db = NpgsqlDataSource.Create(connection);
var ledger = new PostgresLedger(db, new LedgerMigrator(db, NullLogger<LedgerMigrator>.Instance), Options.Create(new LedgerOptions()), NullLogger<PostgresLedger>.Instance);
await ledger.StartAsync(CancellationToken.None);
await ledger.Ready;

var clock = Stopwatch.StartNew();
var tasks = new List<Task>(2000);
for (var i = 0; i < reports; i++)
{
    var village = Village(i);
    var scopes = new[] { City, $"L:{village[..6]}", $"L:{village[..9]}", $"L:{village}", "T:health", $"S:pairing-{i % 20000}" };
    var date = DateOnly.FromDateTime(start.AddDays(i * (double)days / reports).DateTime);
    tasks.Add(ledger.AppendAsync(LedgerEntry.Report("bench", $"r{i}", $"pairing-{i % 20000}", date, start, "bench", false, $$"""{"r":{{i}}}""",
    [
        new LedgerLine("clinic_person_times", (short)date.Year, (short)date.Month, null, null, 1 + i % 50, scopes),
        new LedgerLine("enterprise_pairing_villages", (short)date.Year, null, null, village, 1, scopes[..4]),
    ])));
    if (tasks.Count == tasks.Capacity)
    {
        await Task.WhenAll(tasks);
        tasks.Clear();
    }
}

await Task.WhenAll(tasks);
await ledger.StopAsync(CancellationToken.None);
var head = await ledger.HeadAsync();
Console.WriteLine($"asof: loaded {reports} reports ({head} positions) in {clock.Elapsed.TotalSeconds:0.0} s");

// Commit times spread over the days, in position order, as a year of use would have left them.
await using (var spread = db.CreateCommand("UPDATE ledger_batches SET committed_at = @start + (batch_id::float8 / @head) * (@days * interval '1 day')"))
{
    spread.Parameters.AddWithValue("start", start.ToUniversalTime());
    spread.Parameters.AddWithValue("head", (double)head);
    spread.Parameters.AddWithValue("days", (double)days);
    await spread.ExecuteNonQueryAsync();
}

foreach (var table in new[] { "ledger_batches", "ledger_lines" })
{
    await using var analyze = db.CreateCommand($"VACUUM ANALYZE {table}");
    await analyze.ExecuteNonQueryAsync();
}

// The snapshots a roll-up keeps: the city and the counties snapshot (each takes more than 1,000 lines a day); a
// township or a village never reaches that, so its lines are its snapshot.
clock.Restart();
foreach (var scope in counties.Select(c => $"L:{c}").Prepend(City))
{
    for (var day = 0; day < days; day++)
    {
        var position = await ledger.PositionAtAsync(start.AddDays(day + 1));
        var totals = await TotalsAsync(scope, position);
        var snapshot = new ScopeSnapshot { Head = position, Sums = [.. totals.SumRows], Members = [.. totals.MemberRows] };
        await using var keep = db.CreateCommand("INSERT INTO scope_snapshot_days (scope, day, head, applied, state) VALUES (@s, @d, @h, '{}', @st) ON CONFLICT DO NOTHING");
        keep.Parameters.AddWithValue("s", scope);
        keep.Parameters.AddWithValue("d", DateOnly.FromDateTime(start.AddDays(day).DateTime));
        keep.Parameters.AddWithValue("h", position);
        keep.Parameters.AddWithValue("st", ScopeSnapshot.Pack(snapshot));
        await keep.ExecuteNonQueryAsync();
    }
}

Console.WriteLine($"asof: kept {9 * days} daily snapshots of the city and its counties in {clock.Elapsed.TotalSeconds:0.0} s");

var random = new Random(20261206);
async Task<double[]> MeasureAsync(Func<string> scope, int count)
{
    var times = new double[count];
    for (var i = 0; i < count; i++)
    {
        var at = start.AddDays(random.Next(days) + 1);
        var watch = Stopwatch.StartNew();
        var position = await ledger.PositionAtAsync(at);
        var totals = await TotalsAsync(scope(), position);
        _ = totals.Board(City, at.Year);
        times[i] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    return times;
}

string P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("0.0");
await MeasureAsync(() => City, 10); // warm the caches and the connection pool
var city = await MeasureAsync(() => City, reads);
var villages = await MeasureAsync(() => $"L:{Village(random.Next(reports))}", reads);
await using (var forget = db.CreateCommand("DELETE FROM scope_snapshot_days"))
{
    await forget.ExecuteNonQueryAsync();
}

var unkept = await MeasureAsync(() => City, Math.Max(10, reads / 10));
Console.WriteLine($"asof: city p50={P(city, 0.5)}ms p99={P(city, 0.99)}ms village p50={P(villages, 0.5)}ms p99={P(villages, 0.99)}ms " +
    $"city_without_kept_snapshots p50={P(unkept, 0.5)}ms p99={P(unkept, 0.99)}ms reports={reports} days={days} reads={reads}");
return 0;

async Task<RollupTotals> TotalsAsync(string scope, long position) => RollupTotals.From(await ledger.ReadScopeThroughAsync(scope, position));
