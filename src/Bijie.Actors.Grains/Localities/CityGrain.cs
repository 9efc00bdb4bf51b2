using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;

namespace Bijie.Actors.Grains.Localities;

public sealed class CityGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.City, divisions), ICityGrain;
