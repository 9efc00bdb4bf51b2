using System.ComponentModel.DataAnnotations;
using System.Net;
using Orleans.Hosting.Kubernetes;

namespace Bijie.Actors.Host.Hosting;

public enum DemoMode
{
    Off,
    OnEmptyStore,
}
