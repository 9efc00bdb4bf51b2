using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

public sealed class CountyGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.County, divisions), ICountyGrain;
