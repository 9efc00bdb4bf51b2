using System.Net;
using System.Net.Sockets;
using System.Reflection;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Bijie.Actors.IntegrationTests;

/// <summary>Where the services started by deploy/test.sh are, and where the built host is.</summary>
public static class TestEnvironment
{
    /// <summary>Today in the programme's time zone (Asia/Shanghai), as the host reckons it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    public static string AzureTables => Required("BIJIE_TEST_AZURE_TABLES");

    public static string Postgres => Required("BIJIE_TEST_POSTGRES");

    /// <summary>The key that encrypts the data-protection keys at rest (deploy/services.sh made it for the test services).</summary>
    public static string KeyEncryptionKey => Required("BIJIE_TEST_KEY_ENCRYPTION_KEY");

    public static string HostAssembly => Path.GetFullPath(Metadata("HostAssembly"));

    public static string RepositoryRoot => Path.GetFullPath(Metadata("RepositoryRoot"));

    /// <summary>A new, empty PostgreSQL database on the test server; its connection string.</summary>
    public static async Task<string> NewDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(Postgres))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>A ledger writer on <paramref name="db"/>, started, its schema migrated; the caller stops it.</summary>
    public static async Task<Bijie.Actors.Ledger.PostgresLedger> StartLedgerAsync(Npgsql.NpgsqlDataSource db, Bijie.Actors.Ledger.LedgerOptions? options = null)
    {
        var ledger = new Bijie.Actors.Ledger.PostgresLedger(db,
            new Bijie.Actors.Ledger.LedgerMigrator(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Bijie.Actors.Ledger.LedgerMigrator>.Instance),
            Microsoft.Extensions.Options.Options.Create(options ?? new Bijie.Actors.Ledger.LedgerOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Bijie.Actors.Ledger.PostgresLedger>.Instance);
        await ledger.StartAsync(CancellationToken.None);
        await ledger.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return ledger;
    }

    /// <summary>Posts a report on a pairing dated <paramref name="date"/> with one value, under a fresh idempotency key.</summary>
    public static async Task<HttpResponseMessage> PostReportAsync(HttpClient client, string? pairingId, DateOnly date, string indicator, decimal value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { pairingId, date = date.ToString("yyyy-MM-dd"), values = new Dictionary<string, decimal> { [indicator] = value } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    /// <summary>Posts a create (a need, a visit, a project, a matter) as JSON under a fresh idempotency key, as every client must.</summary>
    public static async Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    /// <summary>A valid unified social credit code of an enterprise registered in Bijie, new each call.</summary>
    public static string NewCreditCode()
    {
        var body = $"915205{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}";
        return body + Bijie.Actors.Abstractions.CreditCodes.CheckCharacter(body);
    }

    private static int nextPort = 20_000 + Random.Shared.Next(0, 10_000);

    /// <summary>
    /// A TCP port on the loopback address that nothing listens on now. It is taken below the kernel's ephemeral
    /// range (32768 and up), never from it: a port the kernel handed out once is handed out again to the next
    /// outgoing connection (a database client, the browser), which then holds it when the host binds it.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = 20_000 + (Interlocked.Increment(ref nextPort) - 20_000) % 12_000;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: the next one
            }
        }

        throw new InvalidOperationException("No free TCP port between 20000 and 32000 on the loopback address.");
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./deploy/test.sh, which starts Azurite and PostgreSQL.");

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>
    /// A cluster node's settings: cluster mode on the test services, with failure detection quicker than
    /// production's so that a killed host is noticed within seconds; <paramref name="extra"/> adds or overrides.
    /// </summary>
    public static Dictionary<string, string> ClusterNode(string clusterId, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bijie:Mode"] = "Cluster",
            ["Bijie:ClusterId"] = clusterId,
            ["Bijie:ServiceId"] = clusterId,
            ["ConnectionStrings:AzureTables"] = AzureTables,
            ["ConnectionStrings:Clustering"] = Postgres,
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Orleans:Messaging:ResponseTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
