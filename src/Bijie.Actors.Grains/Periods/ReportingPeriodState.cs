using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Periods;

/// <summary>The persisted state of a period: the office's deadline, if it moved it, and its exceptions.</summary>
[GenerateSerializer, Alias("Bijie.Actors.ReportingPeriodState")]
public sealed class ReportingPeriodState
{
    [Id(0)] public DateOnly? Deadline { get; set; }

    [Id(1)] public PeriodException[] Exceptions { get; set; } = [];
}
