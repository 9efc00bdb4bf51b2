using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Bijie.Actors.Grains;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Bijie.Actors.Host.Hosting;

/// <summary>Configures the silo that runs inside the web host, from <see cref="BijieHostOptions"/>.</summary>
public static class SiloConfiguration
{
    public static WebApplicationBuilder AddBijieSilo(this WebApplicationBuilder builder)
    {
        var options = BijieHostOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(options);
        var tables = builder.Configuration.GetConnectionString(ConnectionStringNames.AzureTables);
        var clustering = builder.Configuration.GetConnectionString(ConnectionStringNames.Clustering);
        Require(options.GrainStorage != GrainStorageKind.AzureTable || !string.IsNullOrWhiteSpace(tables),
            $"ConnectionStrings:{ConnectionStringNames.AzureTables} is required when Bijie:GrainStorage is AzureTable.");
        Require(options.Mode != HostMode.Cluster || !string.IsNullOrWhiteSpace(clustering),
            $"ConnectionStrings:{ConnectionStringNames.Clustering} (PostgreSQL) is required when Bijie:Mode is Cluster.");
        Require(IPAddress.TryParse(options.AdvertisedAddress, out var advertised),
            $"Bijie:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");

        builder.UseOrleans(silo =>
        {
            // With Bijie:Kubernetes, UseKubernetesHosting (below) applies ORLEANS_CLUSTER_ID and ORLEANS_SERVICE_ID
            // after this, and they win; BijieHostOptions.Read took the same values, so both agree.
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = options.EffectiveSiloName);
            // Failure-detection timings are ordinary Orleans options, bound from configuration.
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.Services.Configure<SiloMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
            // Not "Orleans:Reminders": Orleans reads that section as the reminder provider's own configuration.
            silo.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Bijie:Reminders"));

            if (options.Mode == HostMode.Cluster)
            {
                silo.ConfigureEndpoints(advertised!, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
                if (options.Kubernetes)
                {
                    // The advertised address is the pod's IP (BijieHostOptions.Read took POD_IP); the silo listens on
                    // every address of the pod, of the pod IP's family (IPv6-only clusters exist).
                    var any = advertised!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
                    silo.Configure<EndpointOptions>(o =>
                    {
                        o.SiloListeningEndpoint = new IPEndPoint(any, options.SiloPort);
                        o.GatewayListeningEndpoint = new IPEndPoint(any, options.GatewayPort);
                    });
                    silo.UseKubernetesHosting();
                }

                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = clustering;
                });
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
            }

            if (options.GrainStorage == GrainStorageKind.AzureTable)
            {
                silo.AddAzureTableGrainStorage(StorageNames.Default, o =>
                {
                    o.TableServiceClient = new TableServiceClient(tables);
                    o.TableName = "BijieGrainState";
                });
                // Reminders (support matters' due dates) outlive restarts and silos in the same Table storage.
                silo.UseAzureTableReminderService(o =>
                {
                    o.TableServiceClient = new TableServiceClient(tables);
                    o.TableName = "BijieReminders";
                });
            }
            else
            {
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
            }

            silo.Services.AddSingleton<SiloActiveSignal>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloActiveSignal>());
            if (Observability.Exports(builder.Configuration))
            {
                silo.AddActivityPropagation(); // two more filters on every grain call: only when traces go somewhere
            }

            silo.AddDashboard();
        });

        return builder;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
