namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>PUT /api/v1/projects/{id}/responsible</c> and <c>PUT /api/v1/pairings/{id}/responsible</c>.</summary>
public sealed record AssignResponsibleRequest(string? StaffId)
{
    public string RequiredStaffId => Required.Of(StaffId, "staff.unknown", "staffId");
}

/// <summary>The body of <c>POST /api/v1/projects</c>; the id is the caller's or made up.</summary>
public sealed record ProposeProjectRequest(
    string? Id, string? Title, Track Track, string? LocalityCode, string? LeadHelperId, IReadOnlyList<string>? CoHelperIds,
    string? ResponsibleStaffId, ProjectMoney? Money, IReadOnlyList<Milestone>? Milestones, DateOnly ProposedOn)
{
    public ProposeProject ToCommand() => new(Title ?? "", Track, LocalityCode ?? "", LeadHelperId ?? "", CoHelperIds ?? [], ResponsibleStaffId ?? "",
        Money ?? new ProjectMoney(0, 0, 0), Milestones ?? [], ProposedOn);
}

/// <summary>The body of <c>PUT /api/v1/projects/{id}/progress</c>.</summary>
public sealed record ProjectProgressRequest(ProjectMoney? Money, IReadOnlyList<Milestone>? Milestones)
{
    public ProjectMoney RequiredMoney => Required.Of(Money, "project.money", "money");
}
