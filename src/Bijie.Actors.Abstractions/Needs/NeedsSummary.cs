namespace Bijie.Actors.Abstractions;

/// <summary>The needs on a board: counts by status, by domain and by county, and the mean days from need to match.</summary>
public sealed record NeedsSummary(
    IReadOnlyDictionary<string, int> Total,
    IReadOnlyDictionary<string, Dictionary<string, int>> ByDomain,
    IReadOnlyDictionary<string, Dictionary<string, int>> ByCounty,
    double? MeanDaysToMatch);
