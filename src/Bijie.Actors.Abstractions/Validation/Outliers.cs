namespace Bijie.Actors.Abstractions;

/// <summary>
/// Where a set of figures sits: its median and a robust scale, so that (x − median) / scale is the modified z-score
/// of Iglewicz and Hoaglin — 0.6745·(x − median)/MAD — which one wild value in the set does not move.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Spread")]
public sealed record Spread([property: Id(0)] decimal Median, [property: Id(1)] decimal Scale, [property: Id(2)] int Count)
{
    /// <summary>The modified z-score of <paramref name="value"/> against this spread.</summary>
    public decimal Score(decimal value) => (value - Median) / Scale;
}

/// <summary>The outlier test of reports: a report far above its reporter's own past or its county's peers is flagged, never refused.</summary>
public static class Outliers
{
    /// <summary>
    /// The spread of <paramref name="values"/> (zeros left out: a quarter or a peer with nothing reported says nothing of
    /// size), or null when fewer than <paramref name="minimum"/> remain. The scale is MAD/0.6745; when more than half the
    /// values are equal (MAD 0) it is 1.253314 × the mean absolute deviation; when all are equal, a tenth of the median.
    /// </summary>
    public static Spread? SpreadOf(IEnumerable<decimal> values, int minimum)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(v => v != 0).Order().ToArray();
        if (sorted.Length < Math.Max(1, minimum))
        {
            return null;
        }

        var median = Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var mad = Median(deviations);
        var scale = mad > 0 ? mad / 0.6745m
            : deviations.Average() is var mean and > 0 ? 1.253314m * mean
            : Math.Abs(median) / 10m;
        return scale > 0 ? new Spread(median, scale, sorted.Length) : null;
    }

    private static decimal Median(decimal[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2m;

    /// <summary>How many times the median a value is, in words' precision ("12×", "2.5×").</summary>
    public static string Times(decimal value, decimal median) =>
        median == 0 ? "∞" : Math.Round(value / median, value / median >= 10 ? 0 : 1, MidpointRounding.AwayFromZero).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key of a county's peer figures for an indicator and a year (<see cref="IPeerFiguresGrain"/>).</summary>
    public static string PeerKey(string scope, string indicator, int year) => $"{scope}|{indicator}|{year}";
}

/// <summary>
/// The figures of a scope's subjects (a county's pairings and projects) for one indicator and year, key
/// <see cref="Outliers.PeerKey"/>: read from the ledger at most every few minutes and kept, so that reports compare
/// with their peers without a query each.
/// </summary>
[Alias("Bijie.Actors.IPeerFiguresGrain")]
public interface IPeerFiguresGrain : IGrainWithStringKey
{
    /// <summary>
    /// Each subject's total as last read (empty until the first read is in); a read older than the
    /// refresh interval starts the next one, and the figures as they were answer meanwhile.
    /// </summary>
    [Alias("Totals")]
    [Orleans.Concurrency.ReadOnly]
    Task<PeerTotals> TotalsAsync();
}

/// <summary>A county's subjects' totals of one indicator and year, as last read from the ledger.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PeerTotals")]
public sealed record PeerTotals([property: Id(0)] IReadOnlyList<string> Subjects, [property: Id(1)] IReadOnlyList<decimal> Totals)
{
    public static readonly PeerTotals None = new([], []);

    /// <summary>The spread of the other subjects' totals (<paramref name="subjectId"/> left out), or null with fewer than <paramref name="minimum"/>.</summary>
    public Spread? SpreadWithout(string subjectId, int minimum) =>
        Outliers.SpreadOf(Totals.Where((_, i) => Subjects[i] != subjectId), minimum);
}
