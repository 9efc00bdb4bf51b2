namespace Bijie.Actors.Abstractions;

/// <summary>What a notification is about.</summary>
public enum NoticeTargetKind
{
    /// <summary>A report the office returned: its subject, to file it again corrected.</summary>
    ReturnedReport,

    /// <summary>A project (a need matched to it).</summary>
    Project,

    /// <summary>A support matter (overdue).</summary>
    Matter,

    /// <summary>The supervision list: what needs an update.</summary>
    Supervision,

    /// <summary>A period's batches waiting for the reader's level (逐级审核): <see cref="NoticeTarget.Id"/> is the period.</summary>
    Approvals,
}
