using System.Collections.Concurrent;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace Bijie.Actors.Grains;

/// <summary>
/// The grain interface type of each grain interface, worked out once. Orleans works it out again on every
/// <c>GetGrain</c> (reading the interface's attributes by reflection and formatting its type name), and a report takes
/// a dozen grain references on its way through the intake, the roll-ups and the ticker: about 10 µs of the host's CPU
/// per report (deploy/profile-host.sh). The answer is Orleans' own, from a resolver with Orleans' attribute provider and
/// its naming convention, so every process names a grain interface the same way with or without this cache.
/// </summary>
public sealed class CachedGrainInterfaceTypes(IServiceProvider services, TypeConverter typeConverter) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> known = new();
    private readonly GrainInterfaceTypeResolver resolver = new([new AttributeGrainInterfaceTypeProvider(services)], typeConverter);

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        grainInterfaceType = known.GetOrAdd(type, static (t, r) => r.GetGrainInterfaceType(t), resolver);
        return true;
    }
}
