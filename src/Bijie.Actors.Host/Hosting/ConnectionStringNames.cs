namespace Bijie.Actors.Host.Hosting;

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
