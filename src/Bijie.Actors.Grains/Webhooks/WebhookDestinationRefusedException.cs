namespace Bijie.Actors.Grains.Webhooks;

/// <summary>A destination a webhook may not reach; the message names the reason, never what answered there.</summary>
public sealed class WebhookDestinationRefusedException(string message) : Exception(message);
