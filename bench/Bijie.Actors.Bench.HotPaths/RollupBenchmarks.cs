using BenchmarkDotNet.Attributes;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Bench.HotPaths;

/// <summary>The roll-up work of one committed batch: the dispatcher's fold into per-scope deltas, and the scopes adding them.</summary>
[MemoryDiagnoser]
public class RollupBenchmarks
{
    private CommittedBatch batch = null!;
    private IReadOnlyList<(string Scope, BatchDelta Delta)> deltas = [];
    private Dictionary<string, RollupTotals> totals = [];

    /// <summary>Entries in the committed batch.</summary>
    [Params(1, 32, 256)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        batch = SampleProgramme.Batch(1_000, Entries);
        deltas = RollupDispatcher.Fold(batch);
        totals = deltas.ToDictionary(d => d.Scope, _ => new RollupTotals());
    }

    /// <summary>RollupDispatcher.Fold: the batch's lines summed and netted into one delta per scope they name.</summary>
    [Benchmark]
    public int Fold() => RollupDispatcher.Fold(batch).Count;

    /// <summary>Every scope grain's share: each scope's delta added to its totals (RollupTotals.Add).</summary>
    [Benchmark]
    public int Apply()
    {
        foreach (var (scope, delta) in deltas)
        {
            totals[scope].Add(delta);
        }

        return deltas.Count;
    }
}

/// <summary>What an open board costs after a change: the city's figures recomputed from its totals.</summary>
[MemoryDiagnoser]
public class BoardBenchmarks
{
    private RollupTotals city = null!;

    [GlobalSetup]
    public void Setup() => city = SampleProgramme.CityTotals();

    /// <summary>RollupTotals.Board for the city: 19 figures beside the year before, months, reviewed parts, funnel.</summary>
    [Benchmark]
    public Board CityBoard() => city.Board(Scopes.Locality(LocalityCodes.Bijie), SampleProgramme.Year);
}
