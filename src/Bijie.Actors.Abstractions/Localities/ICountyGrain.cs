namespace Bijie.Actors.Abstractions;

/// <summary>A county (县、市、区).</summary>
[Alias("Bijie.Actors.ICountyGrain")]
public interface ICountyGrain : ILocalityGrain;
