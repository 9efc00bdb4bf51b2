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
