namespace Bijie.Actors.Abstractions;

/// <summary>The rules of support matters.</summary>
public static class MatterRules
{
    /// <summary>The moment a due date has passed: the end of that day in Asia/Shanghai.</summary>
    public static DateTimeOffset DueEnd(DateOnly due)
    {
        var midnight = due.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, ProgrammeClock.Zone.GetUtcOffset(midnight));
    }

    /// <summary>The step that may follow <paramref name="current"/>: each in turn, none after 反馈.</summary>
    public static MatterStep? Next(MatterStep current) => current == MatterStep.FedBack ? null : current + 1;
}
