using System.ComponentModel.DataAnnotations;

namespace Bijie.Actors.Grains.Validation;

/// <summary>Options of the checks made when a report is written (configuration section <c>Bijie:Validation</c>).</summary>
public sealed class ValidationOptions
{
    public const string Section = "Bijie:Validation";

    /// <summary>Whether reports are compared with their reporter's own past and their county's peers at all.</summary>
    public bool Outliers { get; set; } = true;

    /// <summary>The modified z-score above which a report is flagged (3.5, Iglewicz and Hoaglin's suggestion).</summary>
    [Range(1.0, 100.0)] public double OutlierThreshold { get; set; } = 3.5;

    /// <summary>
    /// The longest a report waits for the outlier check (its own past and its peers' figures). A check not done in
    /// time flags nothing, as when the figures cannot be read at all: a host cut off from PostgreSQL answers the
    /// report from its ledger writer (503) instead of after the driver's 30 s command timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")] public TimeSpan OutlierBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many past quarters of the subject's own figures a report is compared with.</summary>
    [Range(2, 40)] public int OwnQuarters { get; set; } = 8;

    /// <summary>The fewest past quarters with a figure, and the fewest peers, before anything is flagged.</summary>
    [Range(2, 1000)] public int MinimumHistory { get; set; } = 4;

    /// <summary>How long a county's peer figures are kept before they are read again from the ledger.</summary>
    [Abstractions.Configuration.Positive] public TimeSpan PeerRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long each silo keeps the validation rules it read before it reads them again: a change saved through another
    /// silo applies there within this time (through the same silo at once). Zero reads them for every report.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan RulesHeldFor { get; set; } = TimeSpan.FromSeconds(1);
}
