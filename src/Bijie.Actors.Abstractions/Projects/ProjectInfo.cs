namespace Bijie.Actors.Abstractions;

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
