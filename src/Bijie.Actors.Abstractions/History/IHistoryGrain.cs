namespace Bijie.Actors.Abstractions;

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
