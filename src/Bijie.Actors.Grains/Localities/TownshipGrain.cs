using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;

namespace Bijie.Actors.Grains.Localities;

public sealed class TownshipGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.Township, divisions), ITownshipGrain;
