namespace Bijie.Actors.Abstractions;

/// <summary>A pairing or project that needs an update (督促推进), and why.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.UpdateNeeded")]
public sealed record UpdateNeeded(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] string SubjectKind,
    [property: Id(2)] string Label,
    [property: Id(3)] string LocalityCode,
    [property: Id(4)] string ResponsibleStaffId,
    [property: Id(5)] string Reason,
    [property: Id(6)] string Detail,
    [property: Id(7)] DateOnly Since,
    [property: Id(8)] string? Period = null,
    [property: Id(9)] DateOnly? LastReportOn = null,
    [property: Id(10)] int? DaysSilent = null);
