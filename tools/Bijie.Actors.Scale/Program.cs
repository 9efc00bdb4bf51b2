using Bijie.Actors.Scale;

// The national scale run (see ScaleOptions.Usage): registers enterprises, pairs them with villages of the whole
// country's map, reads untouched villages, reports once per pairing, checks the boards and both sides of the
// pairings, and prints each phase's rate and latency, the grains per silo and the hosts' peak memory.
ScaleOptions options;
try
{
    options = ScaleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"scale: {e.Message}\n\n{ScaleOptions.Usage}");
    return 2;
}
catch (IOException e)
{
    Console.Error.WriteLine($"scale: {e.Message}");
    return 2;
}

try
{
    var summary = await ScaleRun.RunAsync(options, Console.Error);
    ScaleRun.Print(summary, Console.Out);
    if (options.Json is not null)
    {
        await File.WriteAllTextAsync(options.Json, ScaleRun.ToJson(summary));
    }

    return summary.Passed ? 0 : 1;
}
catch (Exception e) when (e is ArgumentException or Bijie.Actors.Client.BijieApiException or HttpRequestException)
{
    Console.Error.WriteLine($"scale: {e.Message}");
    return 3;
}
