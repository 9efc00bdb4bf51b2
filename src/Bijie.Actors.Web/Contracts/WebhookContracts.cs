namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/webhooks</c>; without a secret one is made up.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);

/// <summary>A subscription as listings show it: no secret.</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt, bool Active)
{
    public static WebhookView From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.CreatedBy, s.CreatedAt, s.Active);
}

/// <summary>
/// A delivery attempt as the log shows it: its status class, not the answer's exact status, timing or error text
/// (which would tell an office key what answers where).
/// </summary>
public sealed record WebhookAttemptView(Guid DeliveryId, string Event, int Attempt, DateTimeOffset At, string Outcome, bool Final)
{
    public static WebhookAttemptView From(WebhookAttempt a) => new(a.DeliveryId, a.Event, a.Attempt, a.At, a.Outcome ?? (a.Status > 0 ? $"{a.Status / 100}xx" : "unreachable"), a.Final);
}

/// <summary>The answer to a new subscription: it, and its secret (shown this once).</summary>
public sealed record WebhookCreated(WebhookView Subscription, string Secret);
