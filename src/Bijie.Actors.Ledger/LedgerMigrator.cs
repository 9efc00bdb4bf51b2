using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bijie.Actors.Ledger;

/// <summary>
/// Brings the ledger's schema to the version this build knows, at start: applies, in order and once each, the
/// embedded Migrations/*.sql not yet recorded in bijie_migrations. Safe with many hosts starting at once.
/// </summary>
public sealed class LedgerMigrator(NpgsqlDataSource db, ILogger<LedgerMigrator> logger)
{
    public const string Component = "ledger";

    /// <summary>The migrations this build carries, by id (file name without extension), in order.</summary>
    public static IReadOnlyList<(string Id, string Sql)> Migrations { get; } = LoadMigrations();

    public async Task<string> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            SELECT pg_advisory_xact_lock(hashtext('bijie-actors-schema'));
            CREATE TABLE IF NOT EXISTS bijie_schema_version (
              component text PRIMARY KEY, version text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE IF NOT EXISTS bijie_migrations (
              component text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (component, id));
            """, cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT id FROM bijie_migrations WHERE component = @c", connection))
        {
            read.Parameters.AddWithValue("c", Component);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var (id, sql) in Migrations.Where(m => !applied.Contains(m.Id)))
        {
            logger.LogInformation("Applying ledger migration {Migration}", id);
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO bijie_migrations (component, id) VALUES (@c, @id)", connection);
            record.Parameters.AddWithValue("c", Component);
            record.Parameters.AddWithValue("id", id);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        var version = Migrations[^1].Id;
        await using (var stamp = new NpgsqlCommand("""
            INSERT INTO bijie_schema_version (component, version) VALUES (@c, @v)
            ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
            """, connection))
        {
            stamp.Parameters.AddWithValue("c", Component);
            stamp.Parameters.AddWithValue("v", version);
            await stamp.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IReadOnlyList<(string, string)> LoadMigrations()
    {
        var assembly = typeof(LedgerMigrator).Assembly;
        const string prefix = "Bijie.Actors.Ledger.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[prefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToArray();
    }
}
