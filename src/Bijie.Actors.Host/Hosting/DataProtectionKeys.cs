using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Bijie.Actors.Ledger;
using Npgsql;

namespace Bijie.Actors.Host.Hosting;

/// <summary>
/// The keys that protect sign-in cookies and antiforgery tokens, shared by every host of a deployment: kept in the
/// ledger's PostgreSQL database instead of each machine's or pod's own folder, so a cookie one host issued is
/// read by the others, and survives a host (or pod) being replaced. They are encrypted at rest under
/// <c>Bijie:DataProtection:KeyEncryptionKey</c>, which is kept apart from the database (a Secret, <c>.local/</c>):
/// a copy of the database or of a backup alone cannot forge a session. Outside Development a host that keeps the
/// keys in PostgreSQL refuses to start without it.
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "bijie-actors";

    public static WebApplicationBuilder AddBijieDataProtection(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var inPostgres = BijieHostOptions.Read(builder.Configuration).LedgerStore == LedgerStoreKind.PostgreSQL;
        var settings = builder.Configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        if (settings.KeyEncryptionKey is { Length: > 0 } kek)
        {
            protection.ProtectKeysWithAesGcm(KeyEncryptionKey.Parse(kek));
        }
        else if (inPostgres && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{DataProtectionOptions.Section}:{nameof(DataProtectionOptions.KeyEncryptionKey)} is not set: the keys that sign sessions would sit unencrypted in PostgreSQL. Set it to 32 random bytes in base64 (deploy/services.sh writes one into .local/).");
        }

        if (inPostgres)
        {
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new PostgresXmlRepository(db));
        }

        return builder;
    }
}
