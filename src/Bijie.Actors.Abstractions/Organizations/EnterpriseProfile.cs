namespace Bijie.Actors.Abstractions;

/// <summary>A private enterprise (民营企业), keyed by its unified social credit code.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.EnterpriseProfile")]
public sealed record EnterpriseProfile(
    [property: Id(0)] string CreditCode,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Industry,
    [property: Id(3)] string? Province);
