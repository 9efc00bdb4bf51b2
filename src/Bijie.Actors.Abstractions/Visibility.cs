namespace Bijie.Actors.Abstractions;

/// <summary>
/// What a reader sees of things that are not wholly theirs: who filed a report and its note, the people on a visit,
/// who changed a project, a period's exceptions, a matter at all. The one place these rules live: the listings, the
/// readers and the web's single reads all show through them. (<see cref="Access"/> says what a reader owns.)
/// </summary>
public static class Visibility
{
    /// <summary>Who filed a report and its note are for the reporter's organisation and the office; a locality sees the figures.</summary>
    public static ReportView Report(ReportView report, ActorRef reader) =>
        Access.SeesReporters(reader) ? report : report with { ReportedBy = "", ReporterName = null, Note = null };

    /// <summary>A visit is public as figures and places; the people on it, its note and who recorded it are the helper's and the office's.</summary>
    public static VisitInfo Visit(VisitInfo visit, ActorRef reader) =>
        Access.ActsFor(reader, ActorRole.Helper, visit.Visit.HelperId)
            ? visit
            : visit with { Visit = visit.Visit with { People = [], Note = null }, RecordedBy = "" };

    /// <summary>A team's batches are public as figures; their notes and who recorded them are the team's helpers' and the office's.</summary>
    public static IReadOnlyList<ServiceBatchInfo> Batches(ExpertTeamInfo team, IReadOnlyList<ServiceBatchInfo> batches, ActorRef reader)
    {
        var own = reader.ManagesEverything || (reader.Role == ActorRole.Helper && team.HelperIds.Contains(reader.OrganizationId));
        return own ? batches : batches.Select(b => b with { Batch = b.Batch with { Note = null }, RecordedBy = "" }).ToArray();
    }

    /// <summary>A project's status history is public; who made each change is the office's and the project's helpers'.</summary>
    public static IReadOnlyList<ProjectHistoryItem> ProjectHistory(ProjectInfo project, IReadOnlyList<ProjectHistoryItem> history, ActorRef reader)
    {
        var own = reader.ManagesEverything
            || (reader.Role == ActorRole.Helper && (project.LeadHelperId == reader.OrganizationId || project.CoHelperIds.Contains(reader.OrganizationId)));
        return own ? history : history.Select(h => h with { By = "" }).ToArray();
    }

    /// <summary>A period's exceptions (which subjects may still report) are the office's.</summary>
    public static PeriodInfo Period(PeriodInfo period, ActorRef reader) => reader.ManagesEverything ? period : period with { Exceptions = [] };

    /// <summary>A support matter is the office's and its helper's; to anyone else it is not there.</summary>
    public static bool SeesMatter(string helperId, ActorRef reader) =>
        reader.ManagesEverything || (reader.Role == ActorRole.Helper && reader.OrganizationId == helperId);

    /// <summary>The matter as its reader sees it: not found for anyone <see cref="SeesMatter"/> refuses.</summary>
    public static MatterInfo Matter(string id, MatterInfo matter, ActorRef reader) =>
        SeesMatter(matter.HelperId, reader) ? matter : throw DomainException.NotFound("matter.unknown", $"No support matter '{id}'.", "matterId");
}
