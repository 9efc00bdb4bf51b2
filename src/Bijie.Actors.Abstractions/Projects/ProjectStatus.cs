namespace Bijie.Actors.Abstractions;

/// <summary>A project's status: Proposed → InLibrary (入库) → Planned (for a year) → InProgress → Completed → Accepted (验收), and Suspended / Cancelled.</summary>
public enum ProjectStatus
{
    None = 0,
    Proposed = 1,
    InLibrary = 2,
    Planned = 3,
    InProgress = 4,
    Completed = 5,
    Accepted = 6,
    Suspended = 7,
    Cancelled = 8,
}
