namespace Bijie.Actors.Abstractions;

/// <summary>Money of a project, in yuan.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ProjectMoney")]
public sealed record ProjectMoney(
    [property: Id(0)] decimal PlannedYuan,
    [property: Id(1)] decimal SignedYuan,
    [property: Id(2)] decimal LandedYuan);
