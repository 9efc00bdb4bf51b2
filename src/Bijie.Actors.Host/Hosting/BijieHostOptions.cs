using System.ComponentModel.DataAnnotations;

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
        var options = configuration.GetSection(Section).Get<BijieHostOptions>() ?? new BijieHostOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException("Invalid configuration section Bijie: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }

        return options;
    }

    public string EffectiveSiloName => string.IsNullOrWhiteSpace(SiloName) ? $"{Environment.MachineName}-{SiloPort}" : SiloName;
}

public enum HostMode
{
    SingleNode,
    Cluster,
}

public enum DemoMode
{
    Off,
    OnEmptyStore,
}

public enum LedgerStoreKind
{
    PostgreSQL,
    Memory,
}

public enum GrainStorageKind
{
    AzureTable,
    Memory,
}

/// <summary>Names of the connection strings (section <c>ConnectionStrings</c>).</summary>
public static class ConnectionStringNames
{
    /// <summary>Azure Table storage for grain state: Azurite locally, a storage account in production.</summary>
    public const string AzureTables = "AzureTables";

    /// <summary>PostgreSQL holding the cluster membership table (cluster mode).</summary>
    public const string Clustering = "Clustering";

    /// <summary>PostgreSQL holding the ledger of reports and changes.</summary>
    public const string Ledger = "Ledger";
}
