namespace Bijie.Actors.Abstractions;

/// <summary>A village or community (村、社区).</summary>
[Alias("Bijie.Actors.IVillageGrain")]
public interface IVillageGrain : ILocalityGrain;
