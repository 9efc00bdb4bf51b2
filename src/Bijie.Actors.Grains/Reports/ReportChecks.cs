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
    /// <remarks>
    /// The warnings it is accepted with (<paramref name="flags"/>) are kept in the body, for the review queue, but not in the
    /// request hash: a retry is the same request whatever the rules and the roll-ups say by then.
    /// </remarks>
    public static LedgerEntry Entry(
        ReportSubmission report, string subjectId, IReadOnlyDictionary<string, decimal> values, IReadOnlyList<string> scopes, ActorRef actor, bool onBehalf, DateTimeOffset now,
        IReadOnlyList<RuleFinding>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(actor);
        var request = new
        {
            subject = subjectId,
            kind = report.PairingId is null ? "project" : "pairing",
            date = report.Date,
            values = values.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value),
            note = report.Note,
        };
        var body = JsonSerializer.Serialize(request);
        var lines = values.Select(v => new LedgerLine(v.Key, (short)report.Date.Year, (short)report.Date.Month, null, null, v.Value, scopes)).ToArray();
        var entry = LedgerEntry.Report(actor.Id, report.IdempotencyKey, subjectId, report.Date, now, actor.Id, onBehalf, body, lines);
        return flags is { Count: > 0 }
            ? entry with
            {
                Body = JsonSerializer.Serialize(new
                {
                    request.subject, request.kind, request.date, request.values, request.note,
                    flags = flags.Select(f => new { rule = f.RuleId, indicator = f.Indicator, value = f.Value, limit = f.Limit, zh = f.MessageZh, en = f.MessageEn }),
                }),
            }
            : entry;
    }

    /// <summary>The warnings a report was accepted with, as its body keeps them (none for a report without, or older than flags).</summary>
    public static IReadOnlyList<RuleFinding>? FlagsOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.IsFlagged)
        {
            return null;
        }

        using var document = JsonDocument.Parse(entry.Body!);
        return document.RootElement.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Array
            ? flags.EnumerateArray().Select(f => new RuleFinding(
                f.GetProperty("rule").GetString() ?? "", RuleSeverity.Warn, f.GetProperty("indicator").GetString() ?? "",
                f.GetProperty("value").GetDecimal(), f.GetProperty("limit").GetDecimal(),
                f.GetProperty("zh").GetString() ?? "", f.GetProperty("en").GetString() ?? "")).ToArray()
            : null;
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
