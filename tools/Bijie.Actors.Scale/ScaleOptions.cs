namespace Bijie.Actors.Scale;

/// <summary>The scale run's command line, validated; a bad value is an <see cref="ArgumentException"/> with the reason.</summary>
public sealed record ScaleOptions(
    IReadOnlyList<Uri> Urls,
    string Key,
    string Divisions,
    int Enterprises,
    int Villages,
    int Concurrency,
    int Seed,
    int ColdReads,
    TimeSpan CatchUp,
    IReadOnlyList<int> Pids,
    string? Json)
{
    public const string Usage = """
        usage: Bijie.Actors.Scale --url URL [--url URL…] (--key KEY | --key-file FILE) --divisions FILE [options]
          --url URL            a host of the cluster (repeat for each; requests go round the hosts)
          --key, --key-file    an admin API key (registers enterprises, starts pairings, reports on their behalf)
          --divisions FILE     the division map the hosts loaded (code,level,parent_code,name)
          --enterprises N      enterprises to register (default 127000)
          --villages N         villages to pair, one pairing each, enterprises taken in turn (default 139000)
          --concurrency C      requests in flight (default 128)
          --cold-reads N       villages never touched to read once each: the cost of a first activation (default 5000)
          --seed S             which villages are picked (default 2026)
          --catch-up SECONDS   how long the boards may take to show every acknowledged report (default 1800)
          --pid PID            a host process whose peak memory to report (repeat for each host)
          --json FILE          also write the figures as JSON
        """;

    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var urls = new List<Uri>();
        var pids = new List<int>();
        string? key = null, divisions = null, json = null;
        int enterprises = 127_000, villages = 139_000, concurrency = 128, seed = 2026, coldReads = 5_000, catchUp = 1800;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(int min)
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, out var n) && n >= min ? n : throw new ArgumentException($"{name} takes a whole number of at least {min}, not '{text}'");
            }

            switch (args[i])
            {
                case "--url": urls.Add(Uri.TryCreate(Value(), UriKind.Absolute, out var u) ? u : throw new ArgumentException($"'{args[i]}' is not a URL")); break;
                case "--key": key = Value(); break;
                case "--key-file": key = File.ReadAllText(Value()).Trim(); break;
                case "--divisions": divisions = Value(); break;
                case "--enterprises": enterprises = Number(1); break;
                case "--villages": villages = Number(1); break;
                case "--concurrency": concurrency = Number(1); break;
                case "--cold-reads": coldReads = Number(0); break;
                case "--seed": seed = Number(0); break;
                case "--catch-up": catchUp = Number(1); break;
                case "--pid": pids.Add(Number(1)); break;
                case "--json": json = Value(); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (urls.Count == 0 || key is null || divisions is null)
        {
            throw new ArgumentException("--url, a key and --divisions are required");
        }

        return new ScaleOptions(urls, key, divisions, enterprises, villages, concurrency, seed, coldReads, TimeSpan.FromSeconds(catchUp), pids, json);
    }
}
