namespace Bijie.Actors.Abstractions;

/// <summary>A township (乡镇、街道).</summary>
[Alias("Bijie.Actors.ITownshipGrain")]
public interface ITownshipGrain : ILocalityGrain;
