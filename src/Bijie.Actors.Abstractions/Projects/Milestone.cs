namespace Bijie.Actors.Abstractions;

/// <summary>A milestone with its due date and how far it is.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Milestone")]
public sealed record Milestone(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] int PercentComplete);
