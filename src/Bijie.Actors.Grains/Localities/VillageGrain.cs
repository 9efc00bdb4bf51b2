using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;

namespace Bijie.Actors.Grains.Localities;

public sealed class VillageGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.Village, divisions), IVillageGrain;
