using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

public sealed class TownshipGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.Township, divisions), ITownshipGrain;
