namespace Bijie.Actors.Abstractions;

/// <summary>One silo's share of the cluster's activations, by grain type (the type's short name).</summary>
public sealed record SiloActivations(string Silo, int Activations, IReadOnlyDictionary<string, int> ByGrainType)
{
    /// <summary>How the grains spread over the cluster's silos now, silo by silo in address order, from the management grain.</summary>
    public static async Task<IReadOnlyList<SiloActivations>> OfClusterAsync(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics
            .GroupBy(s => s.SiloAddress.ToString())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SiloActivations(
                g.Key,
                g.Sum(s => s.ActivationCount),
                g.Where(s => s.ActivationCount > 0).GroupBy(s => ShortTypeName(s.GrainType))
                    .Select(t => (Type: t.Key, Count: t.Sum(s => s.ActivationCount))).OrderByDescending(t => t.Count)
                    .ToDictionary(t => t.Type, t => t.Count)))
            .ToArray();
    }

    /// <summary>Bijie.Actors.Grains.Rollups.ScopeGrain,Bijie.Actors.Grains → ScopeGrain.</summary>
    private static string ShortTypeName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
