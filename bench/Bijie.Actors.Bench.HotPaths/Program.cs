using BenchmarkDotNet.Running;

namespace Bijie.Actors.Bench.HotPaths;

/// <summary>
/// Micro-benchmarks of the product's hot paths in one process. Run them all with
/// <c>dotnet run -c Release --project bench/Bijie.Actors.Bench.HotPaths -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
