using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bijie.Actors.Ledger.Verification;

/// <summary>
/// Writes the daily digest: once a day (China Standard Time) is over, the first silo to look records the chain's
/// head (position and hash) and how many entries and lines the ledger holds through it. Every silo looks; the day's
/// row is written once. The office prints or sends the digests outside, and <c>deploy/verify-ledger.sh --digest</c>
/// checks a ledger against one.
/// </summary>
public sealed class LedgerDigestWriter(NpgsqlDataSource db, PostgresLedger ledger, IOptions<LedgerOptions> options, TimeProvider time, ILogger<LedgerDigestWriter> logger)
    : BackgroundService
{
    /// <summary>The programme's day: China Standard Time, which keeps no summer time.</summary>
    public static readonly TimeSpan ProgrammeOffset = TimeSpan.FromHours(8);

    /// <summary>The last day that is over at <paramref name="now"/>.</summary>
    public static DateOnly LastDayOver(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ProgrammeOffset).DateTime).AddDays(-1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ledger.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.DigestCheckInterval, time);
            do
            {
                try
                {
                    await WriteAsync(LastDayOver(time.GetUtcNow()), stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning("The daily ledger digest could not be written ({Message}); trying again in {Interval}", e.Message, options.Value.DigestCheckInterval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes the digest of <paramref name="day"/> unless it exists; returns it either way.</summary>
    public async Task<LedgerDigest> WriteAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        // Every silo looks every few minutes: the counts (a walk over every line) are made only when the day has no digest.
        if (await FindAsync(day, cancellationToken) is { } existing)
        {
            return existing;
        }

        // One statement sees one snapshot: the head it reads and the rows it counts agree.
        await using (var command = db.CreateCommand("""
            WITH h AS (SELECT position, coalesce(hash, @genesis) AS hash FROM ledger_head WHERE id = 1)
            INSERT INTO ledger_digests (day, position, hash, entries, lines)
            SELECT @day, h.position, h.hash,
                   (SELECT count(*) FROM ledger_entries WHERE position <= h.position),
                   (SELECT count(*) FROM ledger_lines WHERE position <= h.position)
            FROM h
            ON CONFLICT (day) DO NOTHING
            """))
        {
            command.Parameters.AddWithValue("genesis", EntryChain.Genesis);
            command.Parameters.AddWithValue("day", day);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Written here, or by another silo at the same moment.
        var digest = await FindAsync(day, cancellationToken) ?? throw new InvalidOperationException($"The digest of {day} was neither written nor found.");
        logger.LogInformation("Ledger digest of {Day}: position {Position}, {Entries} entries, chain head {Hash}", day, digest.Position, digest.Entries, digest);
        return digest;
    }

    private async Task<LedgerDigest?> FindAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT day, position, hash, entries, lines, written_at FROM ledger_digests WHERE day = @day");
        command.Parameters.AddWithValue("day", day);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The digests written, newest first.</summary>
    public static async Task<IReadOnlyList<LedgerDigest>> ReadAsync(NpgsqlDataSource db, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var digests = new List<LedgerDigest>();
        await using var command = db.CreateCommand("SELECT day, position, hash, entries, lines, written_at FROM ledger_digests ORDER BY day DESC LIMIT @max");
        command.Parameters.AddWithValue("max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            digests.Add(Read(reader));
        }

        return digests;
    }

    private static LedgerDigest Read(NpgsqlDataReader reader) =>
        new(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), (byte[])reader[2], reader.GetInt64(3), reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5));
}
