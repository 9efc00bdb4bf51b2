using Bijie.Actors.Grains;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Host.Hosting;

/// <summary>The ledger (PostgreSQL, migrated at start) and the grains' services.</summary>
public static class LedgerConfiguration
{
    public static WebApplicationBuilder AddBijieLedger(this WebApplicationBuilder builder)
    {
        var options = BijieHostOptions.Read(builder.Configuration);
        builder.Services.AddOptions<LedgerOptions>().Bind(builder.Configuration.GetSection(LedgerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        if (options.LedgerStore == LedgerStoreKind.Memory)
        {
            builder.Services.AddSingleton<InMemoryLedgerStore>();
            builder.Services.AddSingleton<ILedger>(sp => new InMemoryLedger(sp.GetRequiredService<InMemoryLedgerStore>()));
        }
        else
        {
            var connectionString = builder.Configuration.GetConnectionString(ConnectionStringNames.Ledger);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringNames.Ledger} (PostgreSQL) is required unless Bijie:LedgerStore is Memory.");
            }

            builder.Services.AddSingleton(sp => LedgerDataSource.Create(connectionString, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LedgerOptions>>().Value));
            builder.Services.AddSingleton<LedgerMigrator>();
            builder.Services.AddSingleton<PostgresLedger>();
            builder.Services.AddSingleton<ILedger>(sp => sp.GetRequiredService<PostgresLedger>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresLedger>());
            builder.Services.AddSingleton<Bijie.Actors.Ledger.Verification.LedgerDigestWriter>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Bijie.Actors.Ledger.Verification.LedgerDigestWriter>());
            builder.Services.AddSingleton<IWebhookOutbox, PostgresWebhookOutbox>();
        }

        builder.Services.AddBijieGrains(builder.Configuration);
        return builder;
    }
}
