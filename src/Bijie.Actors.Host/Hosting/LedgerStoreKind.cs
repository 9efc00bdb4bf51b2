namespace Bijie.Actors.Host.Hosting;

public enum LedgerStoreKind
{
    PostgreSQL,
    Memory,
}
