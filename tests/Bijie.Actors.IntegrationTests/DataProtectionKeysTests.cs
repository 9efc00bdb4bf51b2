using Bijie.Actors.Ledger;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>The hosts of a deployment share the keys that protect cookies, through the ledger's PostgreSQL.</summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task What_one_host_protects_another_host_on_the_same_database_can_read()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));
        var first = Protector(db);
        var second = Protector(db);

        var token = first.Protect("office session of 张三");

        Assert.Equal("office session of 张三", second.Unprotect(token));
        Assert.Single(new PostgresXmlRepository(db).GetAllElements()); // one key, made by the first host only
    }

    [Fact]
    public async Task A_host_on_another_database_cannot_read_it()
    {
        await using var one = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));
        await using var other = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));

        var token = Protector(one).Protect("office session");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(other).Unprotect(token));
    }

    private static IDataProtector Protector(NpgsqlDataSource db)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("bijie-actors");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(db));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }
}
