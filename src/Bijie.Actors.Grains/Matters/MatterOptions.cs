namespace Bijie.Actors.Grains.Matters;

/// <summary>Options of support matters (configuration section <c>Bijie:Matters</c>).</summary>
public sealed class MatterOptions
{
    public const string Section = "Bijie:Matters";

    /// <summary>How often an overdue matter escalates again while it stays open.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromDays(1);
}
