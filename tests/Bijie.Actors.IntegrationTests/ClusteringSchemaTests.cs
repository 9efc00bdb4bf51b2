using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// Our PostgreSQL clustering schema (deploy/sql/postgresql) against Orleans' own ADO.NET membership table:
/// the provider's contract, including its optimistic concurrency, holds on the queries we wrote.
/// </summary>
public sealed class ClusteringSchemaTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_schema_applies_twice_to_an_empty_database_and_holds_every_query_the_provider_needs()
    {
        var database = $"schema_{Guid.NewGuid():N}";
        await ExecuteAsync(TestEnvironment.Postgres, $"CREATE DATABASE {database}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = database, Pooling = false }.ConnectionString;
            var files = Directory.GetFiles(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "sql", "postgresql"), "*.sql").Order().ToArray();
            Assert.NotEmpty(files);
            foreach (var _ in new[] { 1, 2 })
            {
                foreach (var file in files)
                {
                    await ExecuteAsync(connectionString, await File.ReadAllTextAsync(file));
                }
            }

            var keys = await QueryAsync(connectionString, "SELECT querykey FROM orleansquery ORDER BY 1", r => r.GetString(0));
            Assert.Equal(
                new[] { "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
                        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey" },
                keys);
            var version = await QueryAsync(connectionString, "SELECT version FROM bijie_schema_version WHERE component = 'clustering'", r => r.GetString(0));
            Assert.Equal(["orleans-10.4/1"], version);

            // Orleans itself accepts the schema: it loads the queries and creates its version row.
            var table = NewTable($"c{Guid.NewGuid():N}", connectionString);
            await table.InitializeMembershipTableAsync(true);
            Assert.Equal(0, (await table.ReadAllAsync()).Version.Version);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(TestEnvironment.Postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Rows_change_only_with_the_version_the_writer_read()
    {
        var table = NewTable($"c{Guid.NewGuid():N}");
        await table.InitializeMembershipTableAsync(true);
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);

        var a = Entry(1, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(a, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(2, SiloStatus.Joining), empty.Version.Next()));   // stale version
        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        Assert.False(await table.InsertRowAsync(a, one.Version.Next()));                                // same silo twice
        var (stored, etag) = Assert.Single((await table.ReadAllAsync()).Members);
        Assert.Equal(a.SiloAddress, stored.SiloAddress);
        Assert.Equal("silo-1", stored.SiloName);
        Assert.Equal(SiloStatus.Joining, stored.Status);

        stored.Status = SiloStatus.Active;
        stored.AddOrUpdateSuspector(Entry(9, SiloStatus.Active).SiloAddress, Start.AddMinutes(1), maxVotes: 3);
        Assert.True(await table.UpdateRowAsync(stored, etag, one.Version.Next()));
        Assert.False(await table.UpdateRowAsync(stored, etag, one.Version.Next()));                      // version moved on

        var two = await table.ReadRowAsync(a.SiloAddress);
        Assert.Equal(2, two.Version.Version);
        var (updated, _) = Assert.Single(two.Members);
        Assert.Equal(SiloStatus.Active, updated.Status);
        var suspect = Assert.Single(updated.SuspectTimes!);
        Assert.Equal(Entry(9, SiloStatus.Active).SiloAddress, suspect.Item1);
    }

    [Fact]
    public async Task Of_many_concurrent_joins_at_one_version_exactly_one_wins()
    {
        var table = NewTable($"c{Guid.NewGuid():N}");
        await table.InitializeMembershipTableAsync(true);
        var version = (await table.ReadAllAsync()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => table.InsertRowAsync(Entry(i, SiloStatus.Joining), version)));

        Assert.Equal(1, results.Count(r => r));
        var after = await table.ReadAllAsync();
        Assert.Single(after.Members);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task Heartbeats_leave_the_version_alone_and_defunct_dead_silos_are_cleaned_up()
    {
        var clusterId = $"c{Guid.NewGuid():N}";
        var table = NewTable(clusterId);
        await table.InitializeMembershipTableAsync(true);
        var alive = Entry(1, SiloStatus.Active);
        var dead = Entry(2, SiloStatus.Dead);
        Assert.True(await table.InsertRowAsync(alive, (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync()).Version.Next()));

        alive.IAmAliveTime = Start.AddHours(1);
        await table.UpdateIAmAliveAsync(alive);
        var row = await table.ReadRowAsync(alive.SiloAddress);
        Assert.Equal(2, row.Version.Version);
        Assert.Equal(Start.AddHours(1), Assert.Single(row.Members).Item1.IAmAliveTime);

        var gateways = await QueryAsync(TestEnvironment.Postgres,
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND status = 3 AND proxy_port > 0", r => r.GetInt64(0));
        Assert.Equal([1L], gateways);

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Start.AddMinutes(30)));
        var members = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToList();
        Assert.Equal([alive.SiloAddress], members);

        await table.DeleteMembershipTableEntriesAsync(clusterId);
        var left = await QueryAsync(TestEnvironment.Postgres,
            $"SELECT count(*) FROM orleans_membership_version WHERE deployment_id = '{clusterId}'", r => r.GetInt64(0));
        Assert.Equal([0L], left);
    }

    private static MembershipEntry Entry(int n, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 20000 + n), 1000 + n),
        SiloName = $"silo-{n}",
        HostName = "test-host",
        Status = status,
        ProxyPort = 30000 + n,
        StartTime = Start,
        IAmAliveTime = Start,
    };

    private static AdoNetClusteringTable NewTable(string clusterId, string? connectionString = null) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString ?? TestEnvironment.Postgres }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
