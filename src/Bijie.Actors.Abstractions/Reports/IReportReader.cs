namespace Bijie.Actors.Abstractions;

/// <summary>
/// Reads reports from the ledger for lists and the ticker: an application service of the silo side that the web calls
/// in process (every silo reads the same ledger, so no grain stands between a reader and it).
/// </summary>
public interface IReportReader
{
    /// <summary>The latest standing reports of a year in a scope, newest first, named for the boards' ticker.</summary>
    Task<IReadOnlyList<TickerItem>> GetLatestAsync(string scope, int year, int count);

    /// <summary>One page of the standing reports with a line in every scope asked for, read as a page from the ledger.</summary>
    Task<ReportPage> ListStandingPageAsync(ReportPageQuery query);

    /// <summary>A report (or reversal) as the ledger holds it, when the reader may see it (<see cref="Access.Owns"/>); else NotFound.</summary>
    Task<ReportView> GetReportAsync(Guid reportId, ActorRef reader);
}
