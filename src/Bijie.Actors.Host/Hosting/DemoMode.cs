namespace Bijie.Actors.Host.Hosting;

public enum DemoMode
{
    Off,
    OnEmptyStore,
}
