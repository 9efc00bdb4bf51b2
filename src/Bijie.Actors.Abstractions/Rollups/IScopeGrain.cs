namespace Bijie.Actors.Abstractions;

/// <summary>A roll-up of the ledger for one scope: exact sums per indicator, year and month, and counted members.</summary>
[Alias("Bijie.Actors.IScopeGrain")]
public interface IScopeGrain : IGrainWithStringKey
{
    /// <summary>Adds committed batches; a batch already included is ignored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(IReadOnlyList<BatchDelta> batches);

    [Alias("GetBoard")]
    Task<Board> GetBoardAsync(int year);

    /// <summary>
    /// A summed indicator's monthly figures from January of <paramref name="fromYear"/> to December of
    /// <paramref name="toYear"/> (at most 11 years): what a report's outlier check reads, without building a board.
    /// </summary>
    [Alias("GetMonths")]
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<decimal>> GetMonthsAsync(string indicator, int fromYear, int toYear);

    /// <summary>The members of a counted indicator in a year (null: members of any year).</summary>
    [Alias("GetMembers")]
    Task<IReadOnlyList<string>> GetMembersAsync(string indicator, int? year);

    [Alias("GetStats")]
    Task<ScopeStats> GetStatsAsync();

    /// <summary>How many distinct members of a counted indicator began in or after a year (e.g. projects started since).</summary>
    [Alias("CountMembersFrom")]
    Task<int> CountMembersFromAsync(string indicator, int fromYear);

    /// <summary>The latest year with any value line, or null.</summary>
    [Alias("GetLatestYear")]
    Task<int?> GetLatestYearAsync();
}
