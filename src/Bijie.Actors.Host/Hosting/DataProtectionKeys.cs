using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Bijie.Actors.Ledger;
using Npgsql;

namespace Bijie.Actors.Host.Hosting;

/// <summary>
/// The keys that protect sign-in cookies and antiforgery tokens, shared by every host of a deployment: kept in the
/// ledger's PostgreSQL database instead of each machine's or pod's own folder, so a cookie one host issued is
/// read by the others, and survives a host (or pod) being replaced.
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "bijie-actors";

    public static WebApplicationBuilder AddBijieDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (BijieHostOptions.Read(builder.Configuration).LedgerStore == LedgerStoreKind.PostgreSQL)
        {
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new PostgresXmlRepository(db));
        }

        return builder;
    }
}
