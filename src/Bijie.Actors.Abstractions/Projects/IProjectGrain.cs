namespace Bijie.Actors.Abstractions;

/// <summary>A project (帮扶项目), group-style: a lead helper and co-helpers.</summary>
[Alias("Bijie.Actors.IProjectGrain")]
public interface IProjectGrain : IGrainWithStringKey, IChangeTracked
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
