namespace Bijie.Actors.Abstractions;

/// <summary>The programme's time zone: dates, "future", months and years are reckoned in Asia/Shanghai.</summary>
public static class ProgrammeClock
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);
}
