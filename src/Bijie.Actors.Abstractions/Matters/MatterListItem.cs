namespace Bijie.Actors.Abstractions;

/// <summary>A matter in a listing.</summary>
public sealed record MatterListItem(string Id, string Title, string HelperId, string ResponsibleStaffId, DateOnly Due, string Step, bool Overdue, int Escalations);
