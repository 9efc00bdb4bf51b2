namespace Bijie.Actors.Abstractions;

/// <summary>
/// A pairing or project that needs an update, named: <see cref="Name"/> (the pairing's two sides, the project's title), the
/// place's and the responsible person's names; <see cref="LastReportOn"/> and <see cref="DaysSilent"/> when it reported once.
/// </summary>
public sealed record UpdateNeededView(
    string SubjectId, string SubjectKind, string Name, string LocalityCode, string? LocalityName, string ResponsibleStaffId, string? ResponsibleName,
    string Reason, string Detail, DateOnly Since, string? Period, DateOnly? LastReportOn, int? DaysSilent);
