namespace Bijie.Actors.Abstractions;

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

    /// <summary>
    /// Reminds the approvers late with the last ended period's batches (逐级审核), once a day each, in their inboxes;
    /// answers how many approvers were reminded.
    /// </summary>
    [Alias("RemindApprovers")]
    Task<int> RemindApproversAsync();

    /// <summary>Makes sure the daily reminder is registered (idempotent).</summary>
    [Alias("Schedule")]
    Task ScheduleAsync();
}
