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
        api.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The latest delivery attempts, newest first, each with its status class (2xx, 3xx, 4xx, 5xx, timeout, unreachable, refused-destination)");
        api.MapGet("/{id}/dead-letters", DeadLettersAsync).WithName("ListWebhookDeadLetters")
            .WithSummary("Deliveries that gave up (attempts used, or the destination refused), newest first");
        api.MapPost("/{id}/dead-letters/{deliveryId:guid}/retry", RetryDeadLetterAsync).WithName("RetryWebhookDeadLetter")
            .WithSummary("Sends a dead letter again, with fresh attempts");
        return api;
    }

    public static async Task<Created<WebhookCreated>> CreateAsync(CreateWebhookRequest body, IGrainFactory grains, ClaimsPrincipal user)
    {
        var id = $"wh-{Guid.NewGuid():N}"[..19];
        var subscription = await grains.GetGrain<IWebhookGrain>(id).CreateAsync(body.Url ?? "", body.Events ?? [], body.Secret, user.ToActor());
        return TypedResults.Created($"/api/v1/webhooks/{id}", new WebhookCreated(WebhookView.From(subscription), subscription.Secret));
    }

    public static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<WebhookView>>((await grains.GetGrain<IWebhookDirectoryGrain>(0).ListAsync()).Select(WebhookView.From).ToArray());

    public static async Task<NoContent> DeactivateAsync(string id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await grains.GetGrain<IWebhookGrain>(id).DeactivateAsync(user.ToActor());
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<WebhookAttemptView>>> DeliveriesAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<WebhookAttemptView>>((await grains.GetGrain<IWebhookGrain>(id).DeliveriesAsync()).Select(WebhookAttemptView.From).ToArray());

    public static async Task<Ok<IReadOnlyList<WebhookDeadLetter>>> DeadLettersAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWebhookGrain>(id).DeadLettersAsync());

    public static async Task<Accepted> RetryDeadLetterAsync(string id, Guid deliveryId, IGrainFactory grains, ClaimsPrincipal user)
    {
        await grains.GetGrain<IWebhookGrain>(id).RetryDeadLetterAsync(deliveryId, user.ToActor());
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries");
    }
}
