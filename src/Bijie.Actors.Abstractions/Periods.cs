namespace Bijie.Actors.Abstractions;

/// <summary>
/// Reporting periods (填报周期): calendar quarters, named "2025Q1". A period closes at the end of its deadline day
/// (Asia/Shanghai), a number of days after its last day; after that, helpers and enterprises report on it (or
/// withdraw a report of it) only with an exception the office granted for that pairing or project. The office
/// itself, reporting on someone's behalf, is not held by the deadline.
/// </summary>
public static class ReportingPeriods
{
    /// <summary>The period a date falls in.</summary>
    public static string Of(DateOnly date) => $"{date.Year}Q{(date.Month - 1) / 3 + 1}";

    /// <summary>Parses a period's name; null when it is none.</summary>
    public static (DateOnly First, DateOnly Last)? Parse(string? period)
    {
        if (period is not { Length: 6 } || period[4] != 'Q' || !int.TryParse(period[..4], out var year) || year is < 1988 or > 2200
            || period[5] is < '1' or > '4')
        {
            return null;
        }

        var first = new DateOnly(year, (period[5] - '1') * 3 + 1, 1);
        return (first, first.AddMonths(3).AddDays(-1));
    }

    /// <summary>The period's first and last day; bad input names the period.</summary>
    public static (DateOnly First, DateOnly Last) Require(string? period) =>
        Parse(period) ?? throw DomainException.Invalid("period.unknown", $"'{period}' is not a reporting period (e.g. 2025Q1).", "period");
}

/// <summary>The rules of closing; bound from <c>Bijie:Reporting</c>.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportingRules")]
public sealed record ReportingRules(
    [property: Id(0)] int GraceDays,
    [property: Id(1)] DateOnly ClosingFrom)
{
    /// <summary>The deadline of a period unless the office set another.</summary>
    public DateOnly DefaultDeadline(string period) => ReportingPeriods.Require(period).Last.AddDays(GraceDays);

    /// <summary>Whether periods of this date ever close (those before <see cref="ClosingFrom"/> were kept before the system).</summary>
    public bool Closes(DateOnly date) => ReportingPeriods.Require(ReportingPeriods.Of(date)).First >= ClosingFrom;
}

/// <summary>An office-granted exception: a subject may report on a closed period until a day.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PeriodException")]
public sealed record PeriodException(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] DateOnly Until,
    [property: Id(2)] string Reason,
    [property: Id(3)] string GrantedBy,
    [property: Id(4)] DateTimeOffset GrantedAt);

/// <summary>A reporting period as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PeriodInfo")]
public sealed record PeriodInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly First,
    [property: Id(2)] DateOnly Last,
    [property: Id(3)] DateOnly Deadline,
    [property: Id(4)] bool DeadlineSetByOffice,
    [property: Id(5)] bool Closed,
    [property: Id(6)] IReadOnlyList<PeriodException> Exceptions);

/// <summary>A reporting period (key: its name, e.g. 2025Q1): its deadline and the office's exceptions.</summary>
[Alias("Bijie.Actors.IReportingPeriodGrain")]
public interface IReportingPeriodGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<PeriodInfo> GetAsync();

    /// <summary>Whether a report of this period on the subject is taken now (open, or an exception covers it today).</summary>
    [Alias("Accepts")]
    Task<bool> AcceptsAsync(string subjectId);

    /// <summary>Moves the deadline (office); null goes back to the default.</summary>
    [Alias("SetDeadline")]
    Task<PeriodInfo> SetDeadlineAsync(DateOnly? deadline, ActorRef actor);

    /// <summary>Lets a pairing or project report on the period until a day (office).</summary>
    [Alias("Grant")]
    Task<PeriodInfo> GrantExceptionAsync(string subjectId, DateOnly until, string reason, ActorRef actor);

    [Alias("Revoke")]
    Task<PeriodInfo> RevokeExceptionAsync(string subjectId, ActorRef actor);
}
