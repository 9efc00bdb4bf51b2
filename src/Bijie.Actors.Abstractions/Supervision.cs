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

/// <summary>The supervision of the programme (one grain, key 0): the "requires an update" list, and its daily reminders.</summary>
[Alias("Bijie.Actors.ISupervisionGrain")]
public interface ISupervisionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Pairings and projects under way with a milestone past due or no report for too long, as of the end of a
    /// reporting period (e.g. 2026Q3), or today for the current one (null).
    /// </summary>
    [Alias("List")]
    Task<IReadOnlyList<UpdateNeeded>> ListAsync(string? period = null);

    /// <summary>Puts one reminder per responsible person in the office's inbox; returns how many.</summary>
    [Alias("Remind")]
    Task<int> RemindAsync();

    /// <summary>Makes sure the daily reminder is registered (idempotent).</summary>
    [Alias("Schedule")]
    Task ScheduleAsync();
}
