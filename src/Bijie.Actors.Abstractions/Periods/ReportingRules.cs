namespace Bijie.Actors.Abstractions;

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
