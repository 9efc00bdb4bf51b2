using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Periods;

/// <summary>When reporting periods close.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Bijie:Reporting";

    /// <summary>Days after a quarter's last day until its deadline.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 366)] public int GraceDays { get; set; } = 15;

    /// <summary>Quarters that begin before this day never close: they were reported before the programme kept periods.</summary>
    public DateOnly ClosingFrom { get; set; } = new(2024, 1, 1);

    public ReportingRules Rules => new(GraceDays, ClosingFrom);
}
