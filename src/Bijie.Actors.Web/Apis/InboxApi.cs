namespace Bijie.Actors.Web.Apis;

/// <summary>The signed-in organisation's inbox: escalations, matches; newest first.</summary>
public static class InboxApi
{
    public static RouteGroupBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/inbox").WithTags("Inbox").RequireAuthorization(Policies.Read);
        api.MapGet("/", ListAsync).WithName("GetInbox").WithSummary("The notifications of the caller's organisation (the office's for office staff), newest first");
        api.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Marks a notification read");
        return api;
    }

    public static async Task<Ok<InboxDto>> ListAsync(IGrainFactory grains, ClaimsPrincipal user)
    {
        var inbox = Inboxes.Of(user.ToActor());
        var items = inbox is null ? [] : await grains.GetGrain<IInboxGrain>(inbox).ListAsync();
        var actor = user.ToActor();
        return TypedResults.Ok(new InboxDto(items.Count(n => !n.Read), items.Select(n => InboxItem.From(n, actor)).ToArray()));
    }

    public static async Task<NoContent> MarkReadAsync(Guid id, IGrainFactory grains, ClaimsPrincipal user)
    {
        await grains.GetGrain<IInboxGrain>(Inboxes.Required(user.ToActor())).MarkReadAsync(id);
        return TypedResults.NoContent();
    }
}
