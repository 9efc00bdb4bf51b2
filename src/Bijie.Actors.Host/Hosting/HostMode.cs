namespace Bijie.Actors.Host.Hosting;

public enum HostMode
{
    SingleNode,
    Cluster,
}
