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

/// <summary>The project status machine.</summary>
public static class ProjectTransitions
{
    private static readonly IReadOnlyDictionary<ProjectStatus, ProjectStatus[]> Allowed = new Dictionary<ProjectStatus, ProjectStatus[]>
    {
        [ProjectStatus.Proposed] = [ProjectStatus.InLibrary, ProjectStatus.Cancelled],
        [ProjectStatus.InLibrary] = [ProjectStatus.Planned, ProjectStatus.Cancelled],
        [ProjectStatus.Planned] = [ProjectStatus.InProgress, ProjectStatus.Suspended, ProjectStatus.Cancelled],
        [ProjectStatus.InProgress] = [ProjectStatus.Completed, ProjectStatus.Suspended, ProjectStatus.Cancelled],
        [ProjectStatus.Suspended] = [ProjectStatus.InProgress, ProjectStatus.Cancelled],
        [ProjectStatus.Completed] = [ProjectStatus.Accepted],
        [ProjectStatus.Accepted] = [],
        [ProjectStatus.Cancelled] = [],
    };

    /// <summary>The statuses a project in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<ProjectStatus> From(ProjectStatus from) => Allowed.GetValueOrDefault(from, []);
}

/// <summary>Money of a project, in yuan.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectMoney")]
public sealed record ProjectMoney(
    [property: Id(0)] decimal PlannedYuan,
    [property: Id(1)] decimal SignedYuan,
    [property: Id(2)] decimal LandedYuan);

/// <summary>A milestone with its due date and how far it is.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Milestone")]
public sealed record Milestone(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] int PercentComplete);

/// <summary>A request to propose a project.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProposeProject")]
public sealed record ProposeProject(
    [property: Id(0)] string Title,
    [property: Id(1)] Track Track,
    [property: Id(2)] string LocalityCode,
    [property: Id(3)] string LeadHelperId,
    [property: Id(4)] IReadOnlyList<string> CoHelperIds,
    [property: Id(5)] string ResponsibleStaffId,
    [property: Id(6)] ProjectMoney Money,
    [property: Id(7)] IReadOnlyList<Milestone> Milestones,
    [property: Id(8)] DateOnly ProposedOn);

/// <summary>A status change: to <see cref="To"/>, on a date; <see cref="PlannedYear"/> when planning.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectTransition")]
public sealed record ProjectTransition(
    [property: Id(0)] ProjectStatus To,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] int? PlannedYear = null,
    [property: Id(3)] string? Reason = null);

/// <summary>A project as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectInfo")]
public sealed record ProjectInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] Track Track,
    [property: Id(3)] string LocalityCode,
    [property: Id(4)] string LeadHelperId,
    [property: Id(5)] IReadOnlyList<string> CoHelperIds,
    [property: Id(6)] string ResponsibleStaffId,
    [property: Id(7)] ProjectMoney Money,
    [property: Id(8)] IReadOnlyList<Milestone> Milestones,
    [property: Id(9)] ProjectStatus Status,
    [property: Id(10)] DateOnly ProposedOn,
    [property: Id(11)] DateOnly? InLibraryOn,
    [property: Id(12)] int? PlannedYear,
    [property: Id(13)] DateOnly? StartedOn,
    [property: Id(14)] DateOnly? FinishedOn,
    [property: Id(15)] DateOnly? CancelledOn,
    [property: Id(16)] int Version,
    [property: Id(17)] string ChangedBy,
    [property: Id(18)] DateTimeOffset ChangedAt,
    [property: Id(19)] ProjectStatus? SuspendedFrom,
    [property: Id(20)] DateOnly? PlannedOn = null,
    [property: Id(21)] DateOnly? AcceptedOn = null);

/// <summary>One status change of a project's history (from the ledger): who, when, from, to.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectHistoryItem")]
public sealed record ProjectHistoryItem(
    [property: Id(0)] int Version,
    [property: Id(1)] ProjectStatus Status,
    [property: Id(2)] DateOnly On,
    [property: Id(3)] string By,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Reason);

/// <summary>A project (帮扶项目), group-style: a lead helper and co-helpers.</summary>
[Alias("Bijie.Actors.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey
{
    [Alias("Propose")]
    Task<ProjectInfo> ProposeAsync(ProposeProject request, ActorRef actor);

    /// <summary>Moves the project; an illegal move is refused naming the allowed ones.</summary>
    [Alias("Transition")]
    Task<ProjectInfo> TransitionAsync(ProjectTransition transition, ActorRef actor, int? expectedVersion = null);

    [Alias("UpdateProgress")]
    Task<ProjectInfo> UpdateProgressAsync(ProjectMoney money, IReadOnlyList<Milestone> milestones, ActorRef actor, int? expectedVersion = null);

    /// <summary>Makes another person of the staff directory responsible for the project.</summary>
    [Alias("AssignResponsible")]
    Task<ProjectInfo> AssignResponsibleAsync(string staffId, ActorRef actor, int? expectedVersion = null);

    [Alias("Get")]
    Task<ProjectInfo> GetAsync();

    /// <summary>Every status change, with who and when, oldest first.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<ProjectHistoryItem>> GetHistoryAsync();

    [Alias("GetReportContext")]
    Task<ReportContext> GetReportContextAsync();
}
