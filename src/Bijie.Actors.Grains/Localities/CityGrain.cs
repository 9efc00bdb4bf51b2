using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

public sealed class CityGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.City, divisions), ICityGrain;
