using System.Globalization;

namespace Bijie.Actors.LoadGen;

/// <summary>A bad command line: its message is shown as it is, with the usage, never as a stack trace.</summary>
public sealed class OptionsException(string message) : Exception(message);

/// <summary>What to run: where, as whom, how hard, for how long, and what to check afterwards.</summary>
public sealed record LoadOptions
{
    public const string DefaultKeyFile = ".local/admin-api-key";

    public const string Usage = """
        usage: Bijie.Actors.LoadGen [options]
          --url URL            a host (repeat for a cluster: reports go round robin)   default http://127.0.0.1:5080
          --key TOKEN          an admin key (bjk_…); or --key-file PATH                 default .local/admin-api-key
          --reporters N        simulated reporters, cycling over the organisations with active pairings
                               (default: one per organisation)
          --concurrency C      closed loop: C reporters each posting back to back       default 16
          --rate R             open loop: R reports per second, whatever the answers
          --count N            reports to send                                           default 1000
          --duration D         or send for this long (30s, 2m, 500ms)
          --indicator CODE     the indicator reported, in small whole numbers           default clinic_person_times
          --shared-key         report with the given key on the organisations' behalf instead of one key each
          --retry-deadline D   how long a report is retried (same idempotency key)      default 60s
          --json PATH          also write the results as JSON (- for stdout; the table then goes to stderr)
          --history PATH       write every attempt as a JSON line: report, host, when sent and answered, the answer
          --boards N           open boards during the run (SignalR, as the pages; the first measures staleness) default 1
          --board-poll D       boards read every D instead of being told of changes (a server without the live hub)
          --no-check           skip the exactness check
          --no-progress        no progress bar on stderr
        """;

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5080")];

    /// <summary>The admin (or office) key: it issues the reporters' keys, reads the ledger and watches the board.</summary>
    public required string Key { get; init; }

    /// <summary>Simulated reporters; null: one per organisation with active pairings.</summary>
    public int? Reporters { get; init; }

    public int Concurrency { get; init; } = 16;

    /// <summary>Reports per second in an open loop; null: closed loop of <see cref="Concurrency"/>.</summary>
    public double? Rate { get; init; }

    /// <summary>Reports to send; null with a <see cref="Duration"/>: as many as fit in it.</summary>
    public long? Count { get; init; } = 1000;

    public TimeSpan? Duration { get; init; }

    public string Indicator { get; init; } = "clinic_person_times";

    public bool SharedKey { get; init; }

    public TimeSpan RetryDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>One attempt's time limit; a timed-out attempt is retried with the same key.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? JsonPath { get; init; }

    /// <summary>Where every attempt is written, one JSON line each (null: not kept).</summary>
    public string? HistoryPath { get; init; }

    public bool Check { get; init; } = true;

    /// <summary>Open boards during the run: the first measures staleness, the others only load the server as screens do.</summary>
    public int Boards { get; init; } = 1;

    /// <summary>Boards read on a timer instead of on a pushed change (for a server without the live hub).</summary>
    public TimeSpan? BoardPoll { get; init; }

    public bool Progress { get; init; } = true;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var urls = new List<Uri>();
        string? key = null, keyFile = null, json = null, history = null, indicator = null;
        int? reporters = null, concurrency = null, boards = null;
        TimeSpan? boardPoll = null;
        double? rate = null;
        long? count = null;
        TimeSpan? duration = null, retryDeadline = null;
        bool sharedKey = false, check = true, progress = true;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : throw new OptionsException($"{name} needs a value");
            switch (name)
            {
                case "--url": urls.Add(ParseUrl(Value())); break;
                case "--key": key = Value(); break;
                case "--key-file": keyFile = Value(); break;
                case "--reporters": reporters = Positive(name, Value()); break;
                case "--concurrency": concurrency = Positive(name, Value()); break;
                case "--rate": rate = PositiveNumber(name, Value()); break;
                case "--count": count = Positive(name, Value()); break;
                case "--duration": duration = ParseDuration(name, Value()); break;
                case "--retry-deadline": retryDeadline = ParseDuration(name, Value()); break;
                case "--indicator": indicator = Value(); break;
                case "--json": json = Value(); break;
                case "--history": history = Value(); break;
                case "--shared-key": sharedKey = true; break;
                case "--no-check": check = false; break;
                case "--boards": boards = Positive(name, Value()); break;
                case "--board-poll": boardPoll = ParseDuration(name, Value()); break;
                case "--no-progress": progress = false; break;
                case "--help" or "-h": throw new OptionsException("");
                default: throw new OptionsException($"unknown option '{name}'");
            }
        }

        if (rate is not null && concurrency is not null)
        {
            throw new OptionsException("--rate (open loop) and --concurrency (closed loop) exclude each other: choose one");
        }

        if (key is not null && keyFile is not null)
        {
            throw new OptionsException("give --key or --key-file, not both");
        }

        return new LoadOptions
        {
            Urls = urls.Count > 0 ? urls : [new Uri("http://127.0.0.1:5080")],
            Key = key ?? ReadKey(keyFile),
            Reporters = reporters,
            Concurrency = concurrency ?? 16,
            Rate = rate,
            // A duration alone runs for its length; both: whichever comes first.
            Count = count ?? (duration is null ? 1000 : null),
            Duration = duration,
            Indicator = indicator ?? "clinic_person_times",
            SharedKey = sharedKey,
            RetryDeadline = retryDeadline ?? TimeSpan.FromSeconds(60),
            JsonPath = json,
            HistoryPath = history,
            Check = check,
            Progress = progress,
            Boards = boards ?? 1,
            BoardPoll = boardPoll,
        };
    }

    private static string ReadKey(string? path)
    {
        var file = path ?? DefaultKeyFile;
        if (!File.Exists(file))
        {
            throw new OptionsException(path is null
                ? $"no key: give --key or --key-file (./deploy/run.sh writes the admin key to {DefaultKeyFile}; none is here)"
                : $"--key-file: '{file}' does not exist");
        }

        var key = File.ReadAllText(file).Trim();
        return key.Length > 0 ? key : throw new OptionsException($"the key file '{file}' is empty");
    }

    private static Uri ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsException($"--url: '{value}' is not an http(s) address such as http://127.0.0.1:5080");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new OptionsException($"{name}: '{value}' is not a whole number above 0");

    private static double PositiveNumber(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n)
            ? n
            : throw new OptionsException($"{name}: '{value}' is not a number above 0");

    /// <summary>30s, 2m, 1h, 500ms, or plain seconds.</summary>
    public static TimeSpan ParseDuration(string name, string value)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1)
            : value.EndsWith('m') ? (value[..^1], 60)
            : value.EndsWith('h') ? (value[..^1], 3600)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n)
            ? TimeSpan.FromSeconds(n * unit)
            : throw new OptionsException($"{name}: '{value}' is not a duration such as 30s, 2m or 500ms");
    }
}
