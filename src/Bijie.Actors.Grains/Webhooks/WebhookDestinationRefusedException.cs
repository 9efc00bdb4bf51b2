using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Webhooks;

/// <summary>A destination a webhook may not reach; the message names the reason, never what answered there.</summary>
public sealed class WebhookDestinationRefusedException(string message) : Exception(message);
