using System.Security.Cryptography;

namespace Bijie.Actors.Web.Apis;

/// <summary>Webhooks for API clients: subscriptions to events, deliveries signed with HMAC-SHA256, retried, logged.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Office);
        api.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribes a URL to events (report.accepted, project.status_changed, matter.overdue, need.matched); the secret is in this answer only");
        api.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The subscriptions, without their secrets");
        api.MapDelete("/{id}", DeactivateAsync).WithName("DeactivateWebhook").WithSummary("Stops deliveries to a subscription");
        api.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("The latest delivery attempts, newest first");
        return api;
    }

    public static async Task<Created<WebhookCreated>> CreateAsync(CreateWebhookRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var id = $"wh-{Guid.NewGuid():N}"[..19];
        var secret = body.Secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var subscription = await grains.GetGrain<IWebhookGrain>(id).CreateAsync(body.Url ?? "", body.Events ?? [], secret, user.ToActor());
        return TypedResults.Created($"/api/v1/webhooks/{id}", new WebhookCreated(WebhookView.From(subscription), subscription.Secret));
    }

    public static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<WebhookView>>((await grains.GetGrain<IWebhookDirectoryGrain>(0).ListAsync()).Select(WebhookView.From).ToArray());

    public static async Task<NoContent> DeactivateAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await grains.GetGrain<IWebhookGrain>(id).DeactivateAsync(user.ToActor());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<WebhookAttempt>>> DeliveriesAsync(string id, IGrainFactory grains)
    {
        await grains.GetGrain<IWebhookGrain>(id).GetAsync(); // 404 for an unknown subscription
        return TypedResults.Ok(await grains.GetGrain<IWebhookGrain>(id).DeliveriesAsync());
    }
}

/// <summary>The body of <c>POST /api/v1/webhooks</c>; without a secret one is made up.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Secret);

/// <summary>A subscription as listings show it: no secret.</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt, bool Active)
{
    public static WebhookView From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.CreatedBy, s.CreatedAt, s.Active);
}

/// <summary>The answer to a new subscription: it, and its secret (shown this once).</summary>
public sealed record WebhookCreated(WebhookView Subscription, string Secret);
