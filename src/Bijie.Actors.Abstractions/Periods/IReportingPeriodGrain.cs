namespace Bijie.Actors.Abstractions;

/// <summary>A reporting period (key: its name, e.g. 2025Q1): its deadline and the office's exceptions.</summary>
[Alias("Bijie.Actors.IReportingPeriodGrain")]
public interface IReportingPeriodGrain : IGrainWithStringKey, IChangeTracked
{
    [Alias("Get")]
    Task<PeriodInfo> GetAsync();

    /// <summary>Whether a report of this period on the subject is taken now (open, or an exception covers it today).</summary>
    [Alias("Accepts")]
    Task<bool> AcceptsAsync(string subjectId);

    /// <summary>Whether an exception of the office lets the subject report on the period today (closed or approved as it may be).</summary>
    [Alias("HasException")]
    Task<bool> HasExceptionAsync(string subjectId);

    /// <summary>Moves the deadline (office); null goes back to the default.</summary>
    [Alias("SetDeadline")]
    Task<PeriodInfo> SetDeadlineAsync(DateOnly? deadline, ActorRef actor);

    /// <summary>Lets a pairing or project report on the period until a day (office).</summary>
    [Alias("Grant")]
    Task<PeriodInfo> GrantExceptionAsync(string subjectId, DateOnly until, string reason, ActorRef actor);

    [Alias("Revoke")]
    Task<PeriodInfo> RevokeExceptionAsync(string subjectId, ActorRef actor);
}
