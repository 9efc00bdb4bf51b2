namespace Bijie.Actors.Web.Contracts;

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
        NoticeTargetKind.Approvals when target.Id is { } period => $"/approvals.html?period={Uri.EscapeDataString(period)}",
        _ => null,
    };
}
