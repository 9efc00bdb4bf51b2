using Bijie.Actors.Ledger;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bijie.Actors.IntegrationTests;

/// <summary>
/// The hosts of a deployment share the keys that protect cookies, through the ledger's PostgreSQL, encrypted there
/// under a key that is kept apart from the database.
/// </summary>
public sealed class DataProtectionKeysTests
{
    private static readonly string Kek = KeyEncryptionKey.NewBase64();

    [Fact]
    public async Task What_one_host_protects_another_host_on_the_same_database_can_read()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));
        var first = Protector(db, Kek);
        var second = Protector(db, Kek);

        var token = first.Protect("office session of 张三");

        Assert.Equal("office session of 张三", second.Unprotect(token));
        Assert.Single(new PostgresXmlRepository(db).GetAllElements()); // one key, made by the first host only
    }

    [Fact]
    public async Task A_host_on_another_database_cannot_read_it()
    {
        await using var one = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));
        await using var other = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));

        var token = Protector(one, Kek).Protect("office session");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(other, Kek).Unprotect(token));
    }

    [Fact]
    public async Task The_keys_in_the_database_are_encrypted_and_useless_without_the_key_encryption_key()
    {
        await using var db = NpgsqlDataSource.Create(await TestEnvironment.NewDatabaseAsync("keys"));
        var token = Protector(db, Kek).Protect("office session");

        // The stored rows hold no key material in clear: the master key is inside an AES-GCM envelope.
        await using (var read = db.CreateCommand("SELECT xml FROM data_protection_keys"))
        {
            var xml = (string)(await read.ExecuteScalarAsync())!;
            Assert.Contains("urn:bijie-actors:data-protection", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }

        // A copy of the database with another key encryption key (or none) cannot read the session.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(db, KeyEncryptionKey.NewBase64()).Unprotect(token));
        Assert.Equal("office session", Protector(db, Kek).Unprotect(token));
    }

    [Fact]
    public async Task A_host_keeping_its_keys_in_PostgreSQL_refuses_to_start_without_a_key_encryption_key()
    {
        var serviceId = $"kek{Guid.NewGuid():N}";
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Bijie:ServiceId"] = serviceId,
            ["Bijie:ClusterId"] = serviceId,
            ["ConnectionStrings:AzureTables"] = TestEnvironment.AzureTables,
            ["Bijie:DataProtection:KeyEncryptionKey"] = "",
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(host.HasExited && host.Output.Contains("Bijie:DataProtection:KeyEncryptionKey is not set", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the host did not stop for want of a key encryption key:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    private static IDataProtector Protector(NpgsqlDataSource db, string kek)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("bijie-actors").ProtectKeysWithAesGcm(KeyEncryptionKey.Parse(kek));
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(db));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }
}
