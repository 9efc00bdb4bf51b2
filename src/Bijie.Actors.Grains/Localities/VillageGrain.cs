using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

public sealed class VillageGrain(DivisionCatalog divisions) : LocalityGrain(LocalityLevel.Village, divisions), IVillageGrain;
