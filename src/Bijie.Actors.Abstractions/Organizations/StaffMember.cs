namespace Bijie.Actors.Abstractions;

/// <summary>A person of the programme office's staff directory.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.StaffMember")]
public sealed record StaffMember(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role);
