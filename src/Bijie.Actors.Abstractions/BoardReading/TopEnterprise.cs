namespace Bijie.Actors.Abstractions;

/// <summary>An enterprise of a locality's ranking.</summary>
public sealed record TopEnterprise(string CreditCode, string Name, int Villages, decimal SignedYuan, decimal LandedYuan);
