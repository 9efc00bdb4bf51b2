using HdrHistogram;

namespace Bijie.Actors.LoadGen;

/// <summary>Percentiles of a latency distribution, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max);

/// <summary>
/// Latencies recorded from many threads into an HDR histogram (microseconds, 3 significant digits): percentiles
/// without keeping every sample, however long the run.
/// </summary>
public sealed class Latencies
{
    private const long Highest = 3_600_000_000; // an hour, in microseconds
    private readonly LongConcurrentHistogram histogram = new(1, Highest, 3);

    public void Record(TimeSpan latency) => histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, Highest));

    public LatencySummary Summary()
    {
        double Ms(long micros) => Math.Round(micros / 1000.0, 1);
        return histogram.TotalCount == 0
            ? new LatencySummary(0, 0, 0, 0, 0)
            : new LatencySummary(histogram.TotalCount, Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(95)),
                Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetMaxValue()));
    }
}
