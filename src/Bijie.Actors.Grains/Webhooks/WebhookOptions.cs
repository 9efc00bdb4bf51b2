namespace Bijie.Actors.Grains.Webhooks;

/// <summary>Options of webhook deliveries (configuration section <c>Bijie:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Bijie:Webhooks";

    /// <summary>Attempts per delivery, the first included; then it is a dead letter.</summary>
    [Abstractions.Configuration.Positive] public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait before the first retry; each later one waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Abstractions.Configuration.Positive] public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one attempt may take, the name's resolution and the connection included.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo re-reads the subscriptions (zero: before every event, so a subscription counts from the next one).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan DirectoryRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo looks for due deliveries when nothing new woke it.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries a silo attempts at once.</summary>
    [Abstractions.Configuration.Positive] public int Parallelism { get; set; } = 16;

    /// <summary>How long delivered rows stay in the outbox.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Host names (as written in the URL) that may be reached by plain http; all others need https.</summary>
    public List<string> AllowPlainHttpHosts { get; set; } = [];

    /// <summary>
    /// Hosts, as written in the URL (<c>host</c> or <c>host:port</c>, IPv6 in brackets), that may resolve to
    /// loopback, private or other inside addresses. Empty by default: for tests and a receiver on the same machine.
    /// </summary>
    public List<string> AllowPrivateDestinations { get; set; } = [];
}
