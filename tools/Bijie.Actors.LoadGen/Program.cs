using Bijie.Actors.LoadGen;

// A load generator for Bijie.Actors: many reporters report on their own pairings, in a closed or an open loop; it
// prints throughput, acknowledgement latency, errors and the city board's staleness, then checks that the ledger
// holds every acknowledged report once and that the boards equal the ledger's sums. See LoadOptions.Usage.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message.Length > 0 ? $"loadgen: {e.Message}\n\n{LoadOptions.Usage}" : LoadOptions.Usage);
    return e.Message.Length > 0 ? 2 : 0;
}

// The first Ctrl-C stops sending and still measures and checks what was sent; a second one ends the process.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        stop.Cancel();
    }
};

try
{
    var summary = await LoadGenerator.RunAsync(options, Console.Out, Console.Error, stop.Token);
    return summary.ExitCode;
}
catch (LoadGenException e)
{
    Console.Error.WriteLine($"loadgen: {e.Message}");
    return 3;
}
