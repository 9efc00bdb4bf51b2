namespace Bijie.Actors.Abstractions;

/// <summary>A dated total of the programme's history: a measure's value from 1988 through a year.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.HistoryTotal")]
public sealed record HistoryTotal(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Unit,
    [property: Id(4)] decimal Value,
    [property: Id(5)] int ThroughYear);

/// <summary>The programme's history since 1988 (one grain, key 0): imported totals, each dated.</summary>
[Alias("Bijie.Actors.IHistoryGrain")]
public interface IHistoryGrain : IGrainWithIntegerKey
{
    /// <summary>Sets the totals (replacing those with the same codes).</summary>
    [Alias("Import")]
    Task ImportAsync(IReadOnlyList<HistoryTotal> totals, ActorRef actor);

    [Alias("List")]
    Task<IReadOnlyList<HistoryTotal>> ListAsync();
}
