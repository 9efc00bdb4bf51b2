namespace Bijie.Actors.Abstractions;

/// <summary>
/// A notification in an inbox: what happened, and what it is about (<see cref="Target"/>), which the web turns into a
/// link to the page where the reader deals with it. (Field 4, once a page link written here, is retired.)
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Notification")]
public sealed record Notification(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Body,
    [property: Id(7)] NoticeTarget? Target,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] bool Read);

/// <summary>What a notification is about.</summary>
public enum NoticeTargetKind
{
    /// <summary>A report the office returned: its subject, to file it again corrected.</summary>
    ReturnedReport,

    /// <summary>A project (a need matched to it).</summary>
    Project,

    /// <summary>A support matter (overdue).</summary>
    Matter,

    /// <summary>The supervision list: what needs an update.</summary>
    Supervision,
}

/// <summary>
/// What a notification is about, in the domain's terms: a returned report (with its subject's kind and id), a project, a
/// matter, the supervision list. Which page opens it, for which reader, is the web's to say.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.NoticeTarget")]
public sealed record NoticeTarget(
    [property: Id(0)] NoticeTargetKind Kind,
    [property: Id(1)] string? Id = null,
    [property: Id(2)] string? SubjectKind = null,
    [property: Id(3)] Guid? ReportId = null)
{
    /// <summary>A returned report on a pairing or project (<paramref name="subjectKind"/> "pairing" or "project").</summary>
    public static NoticeTarget ReturnedReport(string subjectKind, string subjectId, Guid reportId) => new(NoticeTargetKind.ReturnedReport, subjectId, subjectKind, reportId);

    public static NoticeTarget Project(string id) => new(NoticeTargetKind.Project, id);

    public static NoticeTarget Matter(string id) => new(NoticeTargetKind.Matter, id);

    public static NoticeTarget Supervision { get; } = new(NoticeTargetKind.Supervision);
}

/// <summary>Who an inbox is for: the programme office, a helper, an enterprise or a locality's office.</summary>
public static class Inboxes
{
    public const string Office = "office";

    public static string Helper(string id) => $"helper:{id}";

    public static string Enterprise(string code) => $"enterprise:{code}";

    public static string Locality(string code) => $"locality:{code}";

    /// <summary>The same id for the same key, so that an event notified twice (a repeated tick) is kept once.</summary>
    public static Guid NotificationId(string key) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    /// <summary>The inbox a signed-in actor reads: its organisation's, or the office's for office and admin accounts.</summary>
    public static string? Of(ActorRef actor) => actor.Role switch
    {
        ActorRole.Office or ActorRole.Admin => Office,
        ActorRole.Helper when actor.OrganizationId is { } id => Helper(id),
        ActorRole.Enterprise when actor.OrganizationId is { } code => Enterprise(code),
        ActorRole.Locality when actor.OrganizationId is { } code => Locality(code),
        _ => null,
    };
}

/// <summary>An inbox (key: <see cref="Inboxes"/>): the latest notifications, newest first, read or not. Bounded.</summary>
[Alias("Bijie.Actors.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    [Alias("Notify")]
    Task NotifyAsync(Notification notification);

    [Alias("List")]
    Task<IReadOnlyList<Notification>> ListAsync();

    [Alias("MarkRead")]
    Task MarkReadAsync(Guid id);
}
