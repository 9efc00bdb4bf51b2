namespace Bijie.Actors.Abstractions;

/// <summary>The events API clients may subscribe to.</summary>
public static class WebhookEvents
{
    public const string ReportAccepted = "report.accepted";
    public const string ProjectStatusChanged = "project.status_changed";
    public const string MatterOverdue = "matter.overdue";
    public const string NeedMatched = "need.matched";

    public static IReadOnlyList<string> All { get; } = [ReportAccepted, ProjectStatusChanged, MatterOverdue, NeedMatched];
}
