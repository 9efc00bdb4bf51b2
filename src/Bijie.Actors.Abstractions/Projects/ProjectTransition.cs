namespace Bijie.Actors.Abstractions;

/// <summary>A status change: to <see cref="To"/>, on a date; <see cref="PlannedYear"/> when planning.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectTransition")]
public sealed record ProjectTransition(
    [property: Id(0)] ProjectStatus To,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] int? PlannedYear = null,
    [property: Id(3)] string? Reason = null);
