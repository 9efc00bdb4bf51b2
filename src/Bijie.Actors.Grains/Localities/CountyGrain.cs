using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;

namespace Bijie.Actors.Grains.Localities;

public sealed class CountyGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.County, divisions), ICountyGrain;
