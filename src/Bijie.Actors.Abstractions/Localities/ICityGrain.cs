namespace Bijie.Actors.Abstractions;

/// <summary>毕节市.</summary>
[Alias("Bijie.Actors.ICityGrain")]
public interface ICityGrain : ILocalityGrain;
