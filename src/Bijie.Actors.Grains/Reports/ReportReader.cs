using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;

namespace Bijie.Actors.Grains.Reports;

/// <summary>
/// Reads reports for the lists and the ticker, in the process that asks (the ledger is shared by every silo, so a
/// read needs no grain): a page of a scope's standing reports, one report for a reader who may see it, the latest.
/// </summary>
public sealed class ReportReader(IDisplayNames names, ILedger ledger, ILogger<ReportReader> logger) : IReportReader
{
    public async Task<IReadOnlyList<TickerItem>> GetLatestAsync(string scope, int year, int count)
    {
        var latest = await ledger.ReadStandingReportsAsync(new StandingReportsQuery([scope], (short)year, 0, count, NewestFirst: true, CountTotal: false));
        return await Task.WhenAll(latest.Entries.Select(e => Live.Ticker.ItemAsync(names, e.Entry, logger)));
    }

    public async Task<ReportPage> ListStandingPageAsync(ReportPageQuery query)
    {
        var page = await ReportPages.ReadAsync(ledger, query);
        return new ReportPage(page.Entries.Select(ReportPages.View).ToArray(), page.Total);
    }

    public async Task<ReportView> GetReportAsync(Guid reportId, ActorRef reader)
    {
        var stored = await ledger.FindAsync(reportId);
        if (stored is not { Entry.Kind: EntryKind.Report or EntryKind.Reversal } || !Access.Owns(reader, ReportPages.ScopesOf(stored.Entry)))
        {
            throw DomainException.NotFound("report.unknown", $"No report '{reportId}'.", "reportId");
        }

        return ReportPages.View(stored);
    }
}
