using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Reports;

/// <summary>Reports as the ledger holds them, read a page at a time, and shown as <see cref="ReportView"/>s.</summary>
internal static class ReportPages
{
    /// <summary>One page of the standing reports with a line in every scope the query names; a malformed query is bad input.</summary>
    public static Task<StandingReportsPage> ReadAsync(ILedger ledger, ReportPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Scopes.Count == 0 || query.Limit is < 0 or > 1000 || query.Offset < 0 || query.Year is < 1988 or > 9999)
        {
            throw DomainException.Invalid("report.page", "A page names at least one scope, a year, and at most 1000 reports.", "size");
        }

        return ledger.ReadStandingReportsAsync(new StandingReportsQuery(
            query.Scopes.Distinct(StringComparer.Ordinal).ToArray(), (short)query.Year, query.Offset, query.Limit, query.NewestFirst, query.Source,
            query.CountTotal, query.Approved, query.Indicator, query.OnBehalf, query.ThroughPosition, query.Flagged));
    }

    public static IEnumerable<string> ScopesOf(LedgerEntry entry) => entry.Lines.SelectMany(l => l.Scopes);

    public static ReportView View(StoredEntry stored)
    {
        var e = stored.Entry;
        var subjectKind = LedgerEntries.KindOf(e);

        return new ReportView(e.EntryId, e.Kind == EntryKind.Report ? "report" : "reversal", e.SubjectId, e.OccurredOn,
            e.Values(),
            e.Actor, e.OnBehalf, e.RecordedAt, e.Reverses, stored.Position, subjectKind, LedgerEntries.NoteOf(e), Flags: ReportChecks.FlagsOf(e));
    }
}
