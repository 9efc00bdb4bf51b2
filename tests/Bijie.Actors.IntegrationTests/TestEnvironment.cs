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

    /// <summary>A valid unified social credit code of an enterprise registered in Bijie, new each call.</summary>
    public static string NewCreditCode()
    {
        var body = $"915205{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}";
        return body + Bijie.Actors.Abstractions.CreditCodes.CheckCharacter(body);
    }

    /// <summary>A TCP port on the loopback address that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
