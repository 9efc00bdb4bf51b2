using System.ComponentModel.DataAnnotations;
using System.Net;
using Orleans.Hosting.Kubernetes;

namespace Bijie.Actors.Host.Hosting;

/// <summary>How this host joins a cluster and where it keeps grain state (configuration section <c>Bijie</c>).</summary>
public sealed class BijieHostOptions
{
    public const string Section = "Bijie";

    /// <summary>SingleNode: localhost clustering, one silo. Cluster: membership in PostgreSQL, many silos.</summary>
    public HostMode Mode { get; set; } = HostMode.SingleNode;

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    [Required] public string ClusterId { get; set; } = "bijie-local";

    /// <summary>Identifies the service's stored state across cluster deployments.</summary>
    [Required] public string ServiceId { get; set; } = "bijie-actors";

    /// <summary>This silo's name; defaults to the machine name and silo port.</summary>
    public string? SiloName { get; set; }

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (cluster mode).</summary>
    [Required] public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Cluster mode inside Kubernetes (default false; needs <see cref="Mode"/> Cluster). The silo then takes its
    /// identity from the pod through Orleans' Kubernetes hosting: its name from POD_NAME (instead of
    /// <see cref="SiloName"/>), the address it advertises from POD_IP (instead of <see cref="AdvertisedAddress"/>;
    /// it listens on every address of the pod), the namespace from POD_NAMESPACE (else the service account's), and
    /// the cluster and service ids from ORLEANS_CLUSTER_ID and ORLEANS_SERVICE_ID when they are set, which then win
    /// over <see cref="ClusterId"/> and <see cref="ServiceId"/>. It labels its pod with those ids and declares dead
    /// the silos whose pods are gone. Membership stays in PostgreSQL (ADO.NET clustering), as in any cluster.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>AzureTable (the product) or Memory (benchmark ceiling, throwaway runs).</summary>
    public GrainStorageKind GrainStorage { get; set; } = GrainStorageKind.AzureTable;

    /// <summary>PostgreSQL (the product) or Memory (benchmark ceiling, throwaway runs: nothing survives).</summary>
    public LedgerStoreKind LedgerStore { get; set; } = LedgerStoreKind.PostgreSQL;

    /// <summary>OnEmptyStore: load the demo programme at first start into a store that holds nothing yet.</summary>
    public DemoMode Demo { get; set; } = DemoMode.Off;

    /// <summary>Where the first start writes the admin API key it creates (mode 600); none is created when unset.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>With the demo: where the first start writes the demo's sign-in accounts (office, helper, enterprise) and their passwords (mode 600).</summary>
    public string? DemoAccountsFile { get; set; }

    /// <summary>The section <c>Bijie</c> of the configuration, validated; a bad value stops the host with the reason.</summary>
    public static BijieHostOptions Read(IConfiguration configuration)
    {
        var options = Abstractions.Configuration.ValidatedOptions.Check(configuration.GetSection(Section).Get<BijieHostOptions>() ?? new BijieHostOptions(), Section);

        if (options.Kubernetes)
        {
            if (options.Mode != HostMode.Cluster)
            {
                throw new InvalidOperationException("Invalid configuration section Bijie: Kubernetes needs Mode Cluster.");
            }

            options.TakeIdentityFromPod();
        }

        return options;
    }

    /// <summary>
    /// Which wins: UseKubernetesHosting configures the silo's ClusterOptions from ORLEANS_CLUSTER_ID and
    /// ORLEANS_SERVICE_ID when they are set (not blank), after the host's own values from Bijie:ClusterId and
    /// Bijie:ServiceId, so those environment variables win; unset, the Bijie values stand. It names the silo after
    /// the pod (POD_NAME, else the host name, which in a pod is the pod's name). Taking the same values here keeps
    /// these options equal to what the silo runs with, whatever order the two are applied in: the silo, the
    /// programme's record of host starts and the logs all name one cluster, one service and one silo.
    /// POD_IP is required and becomes the advertised address here: Orleans' own default fills that address from the
    /// machine's interfaces before Kubernetes hosting would look at POD_IP, so the host sets it itself.
    /// </summary>
    private void TakeIdentityFromPod()
    {
        ClusterId = FromEnvironment(KubernetesHostingOptions.ClusterIdEnvironmentVariable) ?? ClusterId;
        ServiceId = FromEnvironment(KubernetesHostingOptions.ServiceIdEnvironmentVariable) ?? ServiceId;
        SiloName = FromEnvironment(KubernetesHostingOptions.PodNameEnvironmentVariable) ?? Environment.MachineName;
        var podIp = FromEnvironment(KubernetesHostingOptions.PodIPEnvironmentVariable);
        if (!IPAddress.TryParse(podIp, out _))
        {
            throw new InvalidOperationException(
                $"Bijie:Kubernetes needs {KubernetesHostingOptions.PodIPEnvironmentVariable}, the pod's IP address (status.podIP from the downward API); it is '{podIp}'.");
        }

        AdvertisedAddress = podIp;

        static string? FromEnvironment(string name) =>
            Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    public string EffectiveSiloName => string.IsNullOrWhiteSpace(SiloName) ? $"{Environment.MachineName}-{SiloPort}" : SiloName;
}
