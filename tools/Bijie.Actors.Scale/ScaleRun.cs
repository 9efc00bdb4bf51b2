using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Client;
using SiloActivations = Bijie.Actors.Client.SiloActivations;

namespace Bijie.Actors.Scale;

/// <summary>The run's figures: the phases, what the check found, where the grains are, and the hosts' memory.</summary>
public sealed record ScaleSummary(
    int Hosts, int Cities, int Counties, int Townships, int VillagesInMap, int Enterprises, int Pairings,
    IReadOnlyList<PhaseResult> Phases, decimal ReportedTotal, decimal BoardsTotal, int CitiesChecked, int CitiesWrong, double BoardsCaughtUpSeconds,
    int PairingsSampled, int PairingsInconsistent, double PairingsCaughtUpSeconds, IReadOnlyList<SiloActivations> Silos, IReadOnlyList<HostMemory> Memory)
{
    public bool Passed => CitiesWrong == 0 && PairingsInconsistent == 0 && ReportedTotal == BoardsTotal
        && Phases.All(p => p.Done == p.Count);
}

/// <summary>A host process's resident memory now and at its peak (VmRSS, VmHWM), in MiB.</summary>
public sealed record HostMemory(int Pid, long RssMiB, long PeakMiB);

/// <summary>
/// The national scale run: register the enterprises, pair each village picked with an enterprise (taken in turn),
/// read villages nobody touched (first activations), send one report per pairing, then check that each city's
/// board equals what was acknowledged in it and that sampled pairings are listed on both of their sides.
/// </summary>
public static class ScaleRun
{
    public const string Indicator = "clinic_person_times";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task<ScaleSummary> RunAsync(ScaleOptions options, TextWriter progress)
    {
        var map = DivisionMap.Read(options.Divisions);
        if (options.Villages + options.ColdReads > map.Villages.Count)
        {
            throw new ArgumentException($"the map has {map.Villages.Count:N0} villages: fewer than {options.Villages:N0} to pair and {options.ColdReads:N0} to read cold");
        }

        progress.WriteLine($"map: {map.Cities:N0} cities, {map.Counties:N0} counties, {map.Townships:N0} townships, {map.Villages.Count:N0} villages");
        var villages = map.Shuffled(options.Seed);
        var http = options.Urls.Select(u => new HttpClient { BaseAddress = u, Timeout = TimeSpan.FromSeconds(60) }).ToArray();
        var hosts = http.Select(h => new BijieClient(h, new BijieClientOptions { ApiKey = options.Key, MaxAttempts = 1 })).ToArray();
        var admin = new BijieClient(http[0], new BijieClientOptions { ApiKey = options.Key, MaxAttempts = 8 });
        var runId = Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        var staff = (await admin.GetStaffAsync()).First().Id;
        var enterpriseOf = (int pairing) => pairing % options.Enterprises;
        var codes = new string[options.Enterprises];
        for (var e = 0; e < options.Enterprises; e++)
        {
            // The registering authority's division is the county of the enterprise's first village; the body is its number.
            var first17 = $"91{villages[e % options.Villages][..6]}{e:D9}";
            codes[e] = first17 + CreditCodes.CheckCharacter(first17);
        }

        var phases = new List<PhaseResult>();
        async Task<PhaseResult> Run(string name, int count, Func<int, BijieClient, CancellationToken, Task> work)
        {
            progress.WriteLine($"{name}: {count:N0}");
            var result = await Phase.RunAsync(name, count, options.Concurrency, hosts, progress, work);
            progress.WriteLine($"{name}: {result.Done:N0} in {result.Seconds:N1} s = {result.PerSecond:N0}/s, p99 {result.Latency.P99:N1} ms");
            phases.Add(result);
            return result;
        }

        await Run("register enterprises", options.Enterprises, (e, host, ct) =>
            host.RegisterEnterpriseAsync(new Enterprise(codes[e], $"规模测试企业{e:D6}", "制造业", "全国"), ct));

        var pairingIds = new string[options.Villages];
        var start = new DateOnly(today.Year, 1, 1);
        await Run("start pairings", options.Villages, async (v, host, ct) =>
            pairingIds[v] = (await host.StartPairingAsync(new NewPairing("EnterpriseVillage", null, codes[enterpriseOf(v)], villages[v], null, null, start, staff), ct)).Id);

        await Run("read cold villages", options.ColdReads, (c, host, ct) => host.GetLocalityAsync(villages[options.Villages + c], ct));

        var cities = villages.Take(options.Villages).Select(v => v[..4]).Distinct().Order(StringComparer.Ordinal).ToArray();
        var before = await BoardTotalsAsync(admin, cities, today.Year);
        var acknowledged = new ConcurrentDictionary<string, decimal>();
        await Run("reports", options.Villages, async (v, host, ct) =>
        {
            var value = 1 + (v % 5);
            await host.SubmitReportAsync(new NewReport(pairingIds[v], null, today, new Dictionary<string, decimal> { [Indicator] = value }), $"scale-{runId}-{v}", ct);
            acknowledged.AddOrUpdate(villages[v][..4], value, (_, sum) => sum + value);
        });

        progress.WriteLine("checking the cities' boards against what was acknowledged");
        var wrong = 0;
        decimal boardsTotal = 0;
        // The roll-ups follow the ledger in the background: poll until the boards show it, with a deadline.
        var caughtUp = await CatchUpAsync(options.CatchUp, progress, async elapsed =>
        {
            var after = await BoardTotalsAsync(admin, cities, today.Year);
            var grown = cities.ToDictionary(c => c, c => after[c] - before[c]);
            wrong = cities.Count(c => grown[c] != acknowledged.GetValueOrDefault(c));
            boardsTotal = grown.Values.Sum();
            return wrong == 0 ? null : $"  boards show {boardsTotal:N0} of {acknowledged.Values.Sum():N0} after {elapsed.TotalSeconds:F0} s";
        });

        var sample = villages.Take(options.Villages).Select((v, i) => i).Where(i => i % Math.Max(1, options.Villages / 200) == 0).Take(200).ToArray();
        // The lists come from the enterprises' and villages' own roll-ups, which the dispatcher's cold lane reaches
        // after the cities' (warm) ones: poll the sample until every pairing shows on both sides, with the same deadline.
        IReadOnlyList<int> missing = sample;
        var listed = await CatchUpAsync(options.CatchUp, progress, async elapsed =>
        {
            var still = new List<int>();
            foreach (var i in missing)
            {
                var byEnterprise = await admin.ListPairingsAsync(new PairingFilter(Enterprise: codes[enterpriseOf(i)], Size: 200));
                var byVillage = await admin.ListPairingsAsync(new PairingFilter(Locality: villages[i], Size: 200));
                if (!byEnterprise.Items.Any(p => p.Id == pairingIds[i]) || !byVillage.Items.Any(p => p.Id == pairingIds[i]))
                {
                    still.Add(i);
                }
            }

            missing = still;
            return missing.Count == 0 ? null : $"  pairings on both sides: {sample.Length - missing.Count} of {sample.Length} after {elapsed.TotalSeconds:F0} s";
        });

        var inconsistent = missing.Count;
        var pairingsCaughtUp = Math.Round(caughtUp + listed, 1);

        var silos = await admin.GetActivationsAsync();
        var memory = options.Pids.Select(ReadMemory).ToArray();
        foreach (var h in http)
        {
            h.Dispose();
        }

        return new ScaleSummary(options.Urls.Count, map.Cities, map.Counties, map.Townships, map.Villages.Count, options.Enterprises, options.Villages,
            phases, acknowledged.Values.Sum(), boardsTotal, cities.Length, wrong, caughtUp, sample.Length, inconsistent, pairingsCaughtUp, silos, memory);
    }

    /// <summary>
    /// Runs a check every 5 s until it passes (returns null) or the deadline passes, printing what it says while it
    /// does not; the seconds it took, to a tenth.
    /// </summary>
    private static async Task<double> CatchUpAsync(TimeSpan deadline, TextWriter progress, Func<TimeSpan, Task<string?>> check)
    {
        var clock = Stopwatch.StartNew();
        while (await check(clock.Elapsed) is { } notYet && clock.Elapsed <= deadline)
        {
            progress.WriteLine(notYet);
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        return Math.Round(clock.Elapsed.TotalSeconds, 1);
    }

    private static async Task<Dictionary<string, decimal>> BoardTotalsAsync(BijieClient admin, IReadOnlyList<string> cities, int year)
    {
        var totals = new ConcurrentDictionary<string, decimal>();
        await Parallel.ForEachAsync(cities, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (city, ct) =>
        {
            var board = await admin.GetBoardAsync(city, year, ct);
            totals[city] = board.Indicators.TryGetValue(Indicator, out var figure) ? figure.Value : 0;
        });
        return totals.ToDictionary();
    }

    private static HostMemory ReadMemory(int pid)
    {
        long Field(string name) => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
        return File.Exists($"/proc/{pid}/status") ? new HostMemory(pid, Field("VmRSS"), Field("VmHWM")) : new HostMemory(pid, 0, 0);
    }

    public static void Print(ScaleSummary s, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"national scale run on {s.Hosts} host(s): {s.Cities:N0} cities, {s.Counties:N0} counties, {s.Townships:N0} townships, {s.VillagesInMap:N0} villages in the map");
        output.WriteLine($"{"phase",-22} {"count",9} {"seconds",9} {"per s",9} {"p50 ms",9} {"p99 ms",9} {"max ms",9}  retried");
        foreach (var p in s.Phases)
        {
            var retried = p.Retries.Count == 0 ? "none" : string.Join(", ", p.Retries.Select(r => $"{r.Value} × {r.Key}"));
            output.WriteLine($"{p.Name,-22} {p.Done,9:N0} {p.Seconds,9:N1} {p.PerSecond,9:N0} {p.Latency.P50,9:N1} {p.Latency.P99,9:N1} {p.Latency.Max,9:N1}  {retried}");
        }

        output.WriteLine($"boards: {s.CitiesChecked} cities checked, {s.CitiesWrong} wrong; acknowledged total {s.ReportedTotal:N0}, boards' growth {s.BoardsTotal:N0}, " +
            $"{(s.CitiesWrong == 0 ? "equal" : "still short")} {s.BoardsCaughtUpSeconds:N1} s after the last acknowledgement");
        output.WriteLine($"pairings on both sides: {s.PairingsSampled} sampled, {s.PairingsInconsistent} inconsistent, " +
            $"{(s.PairingsInconsistent == 0 ? "all listed" : "checked until")} {s.PairingsCaughtUpSeconds:N1} s after the last acknowledgement");
        foreach (var silo in s.Silos)
        {
            var top = string.Join(", ", silo.ByGrainType.Take(6).Select(t => $"{t.Key} {t.Value:N0}"));
            output.WriteLine($"silo {silo.Silo}: {silo.Activations:N0} activations ({top})");
        }

        foreach (var m in s.Memory)
        {
            output.WriteLine($"host pid {m.Pid}: resident {m.RssMiB:N0} MiB, peak {m.PeakMiB:N0} MiB");
        }

        var rate = (string name) => s.Phases.FirstOrDefault(p => p.Name == name)?.PerSecond ?? 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scale: hosts={s.Hosts} enterprises={s.Enterprises} pairings={s.Pairings} register_per_s={rate("register enterprises"):F0} pairing_per_s={rate("start pairings"):F0} cold_read_per_s={rate("read cold villages"):F0} report_per_s={rate("reports"):F0} boards_caught_up_s={s.BoardsCaughtUpSeconds:F0} pairings_caught_up_s={s.PairingsCaughtUpSeconds:F0} activations={s.Silos.Sum(x => x.Activations)} peak_mib={s.Memory.Sum(m => m.PeakMiB)} exact={(s.Passed ? "yes" : "no")}"));
    }

    public static string ToJson(ScaleSummary s) => JsonSerializer.Serialize(s, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}
