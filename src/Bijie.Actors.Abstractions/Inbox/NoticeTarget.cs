namespace Bijie.Actors.Abstractions;

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

    public static NoticeTarget Approvals(string period) => new(NoticeTargetKind.Approvals, period);
}
