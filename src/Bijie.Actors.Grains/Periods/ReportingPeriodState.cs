using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Periods;

/// <summary>The persisted state of a period: the office's deadline, if it moved it, and its exceptions.</summary>
[GenerateSerializer, Alias("Bijie.Actors.ReportingPeriodState")]
public sealed class ReportingPeriodState : Changes.IChangeVersioned
{
    [Id(0)] public DateOnly? Deadline { get; set; }

    [Id(1)] public PeriodException[] Exceptions { get; set; } = [];

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(2)] public int ChangeVersion { get; set; }
}
