namespace Bijie.Actors.Abstractions;

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
