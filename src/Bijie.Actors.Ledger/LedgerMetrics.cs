using System.Diagnostics.Metrics;

namespace Bijie.Actors.Ledger;

/// <summary>
/// The ledger writer's own measures (meter <c>Bijie.Actors.Ledger</c>): how long each group commit took, from its first
/// statement through COMMIT, and how many entries it carried. The benchmarks read them with dotnet-counters beside the
/// runtime's GC pauses and PostgreSQL's checkpoints; OpenTelemetry exports them when a collector is named.
/// </summary>
public static class LedgerMetrics
{
    public const string MeterName = "Bijie.Actors.Ledger";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> CommitDuration =
        Meter.CreateHistogram<double>("bijie.ledger.commit.duration", "ms", "Time of one group commit of the ledger, first statement through COMMIT");

    public static readonly Histogram<int> CommitEntries =
        Meter.CreateHistogram<int>("bijie.ledger.commit.entries", "{entry}", "Entries carried by one group commit of the ledger");
}
