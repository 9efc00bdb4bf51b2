namespace Bijie.Actors.Grains;

/// <summary>Names of the grain-storage providers the host must register.</summary>
public static class StorageNames
{
    /// <summary>Small, rarely written grain state (Azure Table storage in production).</summary>
    public const string Default = "Default";
}
