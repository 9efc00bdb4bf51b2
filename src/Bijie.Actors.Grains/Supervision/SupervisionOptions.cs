namespace Bijie.Actors.Grains.Supervision;

/// <summary>Options of supervision (configuration section <c>Bijie:Supervision</c>).</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Bijie:Supervision";

    /// <summary>A pairing or project with no report for this many days needs an update.</summary>
    [Abstractions.Configuration.Positive] public int StaleAfterDays { get; set; } = 90;

    /// <summary>How often the responsible persons are reminded, through the office's inbox.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
