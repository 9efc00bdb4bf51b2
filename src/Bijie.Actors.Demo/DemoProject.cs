using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Demo;

/// <summary>A demo project: its proposal and the stage it is taken to.</summary>
public sealed record DemoProject(
    string Id,
    string Title,
    Track Track,
    string LocalityCode,
    string LeadHelperId,
    IReadOnlyList<string> CoHelperIds,
    string ResponsibleStaffId,
    DateOnly ProposedOn,
    DemoStage Stage,
    int? PlannedYear,
    decimal PlannedYuan);
