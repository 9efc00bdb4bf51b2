namespace Bijie.Actors.Fuzz;

/// <summary>What to fuzz and how much.</summary>
/// <param name="Url">The host, e.g. http://127.0.0.1:5080.</param>
/// <param name="AdminKey">An admin API key (its token): the fuzzer makes its own fixtures and keys with it.</param>
/// <param name="Seed">Seeds every random choice: the same seed against the same build sends the same mutations.</param>
/// <param name="Count">How many fuzzed requests to send (the fixtures and snapshots come on top).</param>
/// <param name="Parallelism">How many requests are in flight at once.</param>
public sealed record FuzzOptions(Uri Url, string AdminKey, int Seed = 1, int Count = 2000, int Parallelism = 4)
{
    /// <summary>Where progress and findings are written as they happen (null: nowhere).</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>
/// What a request must come to. <see cref="Refuse"/>: it is unauthenticated, unauthorised, another tenant's or
/// broken, so no 2xx and no change. <see cref="Any"/>: a legitimate key writing its own things with odd but
/// well-formed content (or a read): any status but a 5xx, and 4xx as problem details.
/// </summary>
public enum Expectation
{
    Refuse,
    Any,
}

/// <summary>One finding: a request whose answer breaks a rule.</summary>
public sealed record FuzzFinding(string Kind, string Operation, string Method, string Path, string Mutation, string Key, int Status, string Detail);

/// <summary>The requests of one operation by status class.</summary>
public sealed record OperationStats(string Operation, int Requests, int Status2xx, int Status4xx, int Status5xx, int Other);

/// <summary>The outcome of a run; <see cref="Passed"/> when there is no finding.</summary>
public sealed record FuzzResult(
    int Seed,
    int Requests,
    TimeSpan Elapsed,
    int Operations,
    IReadOnlyList<OperationStats> ByOperation,
    IReadOnlyList<FuzzFinding> Findings,
    IReadOnlyList<string> StateChanges)
{
    public bool Passed => Findings.Count == 0 && StateChanges.Count == 0;

    public int Refused { get; init; }

    public int Accepted { get; init; }
}

/// <summary>A request the fuzzer sends.</summary>
internal sealed record FuzzCase(
    string Operation,
    string Method,
    string Path,
    string KeyName,
    string? Authorization,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    Expectation Expect,
    string Mutation,
    string Why);
