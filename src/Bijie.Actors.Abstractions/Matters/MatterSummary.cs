namespace Bijie.Actors.Abstractions;

/// <summary>A matter in the office's list.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatterSummary")]
public sealed record MatterSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string HelperId,
    [property: Id(3)] string ResponsibleStaffId,
    [property: Id(4)] DateOnly Due,
    [property: Id(5)] MatterStep Step,
    [property: Id(6)] int Escalations);
