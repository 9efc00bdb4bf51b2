namespace Bijie.Actors.Abstractions;

/// <summary>One step taken: which, by whom, when, with a note.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatterStepRecord")]
public sealed record MatterStepRecord(
    [property: Id(0)] MatterStep Step,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Note);
