using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed record ProjectRow(string Id, ProposeProject Proposal, ProjectStatus Status, DateOnly? InLibraryOn, int? PlannedYear, DateOnly? PlannedOn,
    DateOnly? StartedOn, DateOnly? FinishedOn, DateOnly? CancelledOn);
