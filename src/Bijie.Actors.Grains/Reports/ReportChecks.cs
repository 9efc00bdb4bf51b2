using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Reports;

/// <summary>
/// The part of taking a report that needs nothing but the report: the checks made before its subject is asked, and
/// its ledger entry once the subject has said what the report counts in. Every report passes through both.
/// </summary>
public static class ReportChecks
{
    /// <summary>
    /// Refuses a report that is wrong on its face (idempotency key, subject, values, a date after <paramref name="today"/>,
    /// note); returns its subject and its non-zero values.
    /// </summary>
    public static (string SubjectId, Dictionary<string, decimal> Values) Check(ReportSubmission report, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(report);
        LedgerEntries.ValidateKey(report.IdempotencyKey);
        var subjectId = (report.PairingId, report.ProjectId) switch
        {
            ({ Length: > 0 } p, null) => p,
            (null, { Length: > 0 } p) => p,
            _ => throw DomainException.Invalid("report.subject", "A report names exactly one of pairingId and projectId.", "pairingId"),
        };
        var values = CheckValues(report.Values);
        if (report.Date > today)
        {
            throw DomainException.Invalid("report.date_in_future", $"The report date {report.Date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, Asia/Shanghai).", "date");
        }

        if (report.Note is { Length: > 1000 })
        {
            throw DomainException.Invalid("report.note", "A note has at most 1000 characters.", "note");
        }

        return (subjectId, values);
    }

    /// <summary>The ledger entry of a checked report: its body, the body's hash, and one line per value in every scope it counts in.</summary>
    public static LedgerEntry Entry(
        ReportSubmission report, string subjectId, IReadOnlyDictionary<string, decimal> values, IReadOnlyList<string> scopes, ActorRef actor, bool onBehalf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(actor);
        var body = JsonSerializer.Serialize(new
        {
            subject = subjectId,
            kind = report.PairingId is null ? "project" : "pairing",
            date = report.Date,
            values = values.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value),
            note = report.Note,
        });
        var lines = values.Select(v => new LedgerLine(v.Key, (short)report.Date.Year, (short)report.Date.Month, null, null, v.Value, scopes)).ToArray();
        return LedgerEntry.Report(actor.Id, report.IdempotencyKey, subjectId, report.Date, now, actor.Id, onBehalf, body, lines);
    }

    private static Dictionary<string, decimal> CheckValues(IReadOnlyDictionary<string, decimal>? values)
    {
        if (values is null || values.Count == 0)
        {
            throw DomainException.Invalid("report.values", "A report carries at least one indicator value.", "values");
        }

        if (values.Count > Indicators.All.Count)
        {
            throw DomainException.Invalid("report.values", "A report carries each indicator at most once.", "values");
        }

        foreach (var (code, value) in values)
        {
            var indicator = Indicators.Find(code)
                ?? throw DomainException.Invalid("indicator.unknown", $"'{code}' is not an indicator of the catalogue.", $"values.{code}");
            if (!indicator.Reportable)
            {
                var from = indicator.Source switch
                {
                    IndicatorSource.Visit => "recorded research visits",
                    IndicatorSource.ExpertService => "expert teams' service batches",
                    _ => "pairings and projects",
                };
                throw DomainException.Invalid("indicator.not_reportable", $"'{code}' is counted from {from}; it cannot be reported.", $"values.{code}");
            }

            if (value < 0)
            {
                throw DomainException.Invalid("report.negative", $"'{code}' cannot be negative; correct a report by reversing it.", $"values.{code}");
            }

            if (value > indicator.MaxPerReport)
            {
                throw DomainException.Invalid("report.absurd", $"{value} {indicator.Unit} of '{code}' in one report is beyond belief (at most {indicator.MaxPerReport:N0}).", $"values.{code}");
            }

            if (indicator.Integral ? value != decimal.Truncate(value) : value != decimal.Round(value, 2))
            {
                throw DomainException.Invalid("report.precision", indicator.Integral ? $"'{code}' is a whole number." : $"'{code}' is in yuan, to the fen.", $"values.{code}");
            }
        }

        return values.Where(v => v.Value != 0).ToDictionary(v => v.Key, v => v.Value) is { Count: > 0 } nonZero
            ? nonZero
            : throw DomainException.Invalid("report.values", "A report with only zero values says nothing.", "values");
    }
}
