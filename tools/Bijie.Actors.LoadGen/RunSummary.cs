namespace Bijie.Actors.LoadGen;

/// <summary>Everything a run measured and checked: printed as a table, written as JSON, asserted on by the tests.</summary>
public sealed record RunSummary(
    string RunId,
    string Mode,
    int? Concurrency,
    double? Rate,
    IReadOnlyList<string> Urls,
    int Reporters,
    int Organizations,
    bool KeyPerOrganization,
    string Indicator,
    int Year,
    long Sent,
    long Acknowledged,
    long Replayed,
    long Refused,
    long InDoubt,
    double Seconds,
    LatencySummary AcknowledgementLatency,
    IReadOnlyDictionary<string, long> Errors,
    StalenessResult Staleness,
    ExactnessResult? Exactness)
{
    /// <summary>Acknowledged reports per second over the load phase.</summary>
    public double Throughput => Seconds > 0 ? Math.Round(Acknowledged / Seconds, 1) : 0;

    /// <summary>Attempts answered 5xx (each was retried with the same key).</summary>
    public long ServerErrors => Errors.Where(e => int.TryParse(e.Key, out var status) && status >= 500).Sum(e => e.Value);

    /// <summary>0 when the exactness check passed (or was skipped), 1 when it failed.</summary>
    public int ExitCode => Exactness is { Passed: false } ? 1 : 0;
}
