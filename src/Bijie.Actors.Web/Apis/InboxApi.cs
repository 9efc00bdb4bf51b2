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
        var inbox = Inboxes.Of(user.ToActor()) ?? throw DomainException.NotFound("notification.unknown", "This account has no inbox.", "id");
        await grains.GetGrain<IInboxGrain>(inbox).MarkReadAsync(id);
        return TypedResults.NoContent();
    }
}

/// <summary>An inbox: how many are unread, and the notifications.</summary>
public sealed record InboxDto(int Unread, IReadOnlyList<InboxItem> Items);

/// <summary>A notification as its reader sees it: with a link to the page where this reader deals with it.</summary>
public sealed record InboxItem(Guid Id, string Kind, string Title, string? Body, string? Link, DateTimeOffset At, bool Read)
{
    public static InboxItem From(Notification notice, ActorRef reader) =>
        new(notice.Id, notice.Kind, notice.Title, notice.Body, PageOf(notice.Target, reader), notice.At, notice.Read);

    /// <summary>The page for a notification's target: the report page on a returned report's subject, a project's page, the matters and supervision lists.</summary>
    public static string? PageOf(NoticeTarget? target, ActorRef reader) => target?.Kind switch
    {
        NoticeTargetKind.ReturnedReport when target.Id is { } subject =>
            $"/report.html?subject={target.SubjectKind}:{Uri.EscapeDataString(subject)}&returned={target.ReportId}",
        NoticeTargetKind.Project when target.Id is { } project => $"/project.html?id={Uri.EscapeDataString(project)}",
        // The office follows matters on its own page; a helper sees its matters on the report page.
        NoticeTargetKind.Matter => reader.ManagesEverything ? "/office.html#matters" : "/report.html",
        NoticeTargetKind.Supervision => "/office.html#supervision",
        _ => null,
    };
}
