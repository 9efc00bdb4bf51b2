using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Bijie.Actors.LoadGen;

/// <summary>Writes a run's summary as a table for people and as JSON for programs.</summary>
public static class ReportPrinter
{
    // Relaxed escaping keeps the localities' Chinese names readable in the file; it is never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteTable(IAnsiConsole console, RunSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("load", s.Mode == "open" ? $"open loop, {s.Rate:0.##} reports/s" : $"closed loop, {s.Concurrency} reporters back to back");
        Row("hosts", string.Join(", ", s.Urls));
        Row("reporters", $"{s.Reporters:N0} over {s.Organizations:N0} organisations, {(s.KeyPerOrganization ? "a key each" : "one shared key, on their behalf")}");
        Row("reports", $"{s.Sent:N0} sent, {s.Acknowledged:N0} acknowledged ({s.Replayed:N0} on a retry), {s.Refused:N0} refused, {s.InDoubt:N0} given up");
        Row("throughput", $"{s.Throughput:N1} acknowledged reports/s over {s.Seconds:N1} s");
        Row("acknowledgement latency", Percentiles(s.AcknowledgementLatency));
        Row("failed attempts (retried)", s.Errors.Count == 0 ? "none" : string.Join(", ", s.Errors.Select(e => $"{e.Key}: {e.Value:N0}")));
        Row("board staleness (city, SignalR)", $"{Percentiles(s.Staleness.Latency)}; {s.Staleness.NotShown:N0} not shown; " +
            $"{s.Staleness.Pushed:N0} boards pushed and {s.Staleness.Reads:N0} read for {s.Staleness.Changes:N0} changes; " +
            $"{s.Staleness.WentBack:N0} went back" +
            (s.Staleness.Watched is { Count: > 1 } w ? $" (of {w.Sum(b => b.Seen):N0} seen on {w.Count} boards: the city's and each county's)" : ""));
        if (s.Exactness is { } x)
        {
            var boards = x.Boards.Count(b => b.Equal);
            Row("exactness", $"{(x.Passed ? "PASSED" : "FAILED")}: {x.Acknowledged - x.Missing - x.WrongValues - x.Duplicated:N0} of {x.Acknowledged:N0} " +
                $"acknowledged reports in the ledger once with their values; {x.Unacknowledged:N0} unacknowledged of {x.InDoubt:N0} in doubt " +
                $"({x.InDoubtStanding:N0} stand, each once), {x.RefusedStanding:N0} refused standing; " +
                $"{boards} of {x.Boards.Count} boards equal the ledger's sums of {s.Indicator} ({s.Year}); " +
                $"{x.PairingsChecked - x.PairingsInconsistent:N0} of {x.PairingsChecked:N0} pairings listed on both sides");
            foreach (var problem in x.Problems)
            {
                Row("  problem", problem);
            }
        }
        else
        {
            Row("exactness", "not checked (--no-check)");
        }

        console.Write(table);
        console.WriteLine(OneLine(s));
    }

    /// <summary>The run in one line, as the README quotes it.</summary>
    public static string OneLine(RunSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Acknowledged:N0} reports acknowledged in {s.Seconds:N1} s = {s.Throughput:N0}/s; latency p50 {s.AcknowledgementLatency.P50} ms, " +
        $"p99 {s.AcknowledgementLatency.P99} ms; board staleness p50 {s.Staleness.Latency.P50} ms, p99 {s.Staleness.Latency.P99} ms; " +
        $"5xx {s.ServerErrors}; exactness {(s.Exactness is null ? "not checked" : s.Exactness.Passed ? "passed" : "FAILED")}");

    public static void WriteJson(TextWriter writer, RunSummary summary)
    {
        writer.WriteLine(JsonSerializer.Serialize(summary, Json));
        writer.Flush();
    }

    private static string Percentiles(LatencySummary l) =>
        l.Count == 0 ? "none" : $"p50 {l.P50:N1} ms, p95 {l.P95:N1} ms, p99 {l.P99:N1} ms, max {l.Max:N1} ms ({l.Count:N0})";
}
