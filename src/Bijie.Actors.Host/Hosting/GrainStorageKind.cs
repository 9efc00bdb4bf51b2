namespace Bijie.Actors.Host.Hosting;

public enum GrainStorageKind
{
    AzureTable,
    Memory,
}
