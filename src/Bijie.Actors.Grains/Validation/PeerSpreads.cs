using System.Collections.Concurrent;
using Bijie.Actors.Abstractions;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Validation;

/// <summary>
/// This silo's copy of the counties' peer figures (<see cref="IPeerFiguresGrain"/>), for the outlier check of every
/// report: a copy is asked of its grain again once it is older than the refresh interval (at most a minute), and the
/// copy as it was answers meanwhile, so a report makes no grain call for its peers. Each subject's spread (the others'
/// totals, itself left out) is worked out once per copy, not once per report.
/// </summary>
public sealed class PeerSpreads(IGrainFactory grains, TimeProvider time, IOptions<ValidationOptions> options)
{
    private static readonly TimeSpan HeldAtMost = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Held> held = new(StringComparer.Ordinal);

    /// <summary>The spread of the county's other subjects for <paramref name="key"/> (<see cref="Outliers.PeerKey"/>), or null.</summary>
    public async ValueTask<Spread?> SpreadAsync(string key, string subjectId, int minimum)
    {
        var copy = held.GetOrAdd(key, static _ => new Held());
        var current = copy.Current;
        if (current is null)
        {
            current = await copy.ReadAsync(grains, key, time);
        }
        else if (time.GetUtcNow() - current.At >= (options.Value.PeerRefresh < HeldAtMost ? options.Value.PeerRefresh : HeldAtMost))
        {
            _ = copy.ReadAsync(grains, key, time); // the copy as it is answers this report
        }

        return current.Spreads.GetOrAdd((subjectId, minimum), static (k, totals) => totals.SpreadWithout(k.Subject, k.Minimum), current.Totals);
    }

    private sealed record Copy(PeerTotals Totals, DateTimeOffset At)
    {
        public ConcurrentDictionary<(string Subject, int Minimum), Spread?> Spreads { get; } = new();
    }

    private sealed class Held
    {
        private readonly Lock gate = new();
        private Task<Copy>? reading;

        public Copy? Current { get; private set; }

        /// <summary>Asks the grain, one read at a time per key; a failed read leaves the copy as it was.</summary>
        public Task<Copy> ReadAsync(IGrainFactory grains, string key, TimeProvider time)
        {
            lock (gate)
            {
                if (reading is { IsCompleted: false } running)
                {
                    return running;
                }

                return reading = ReadOnceAsync(grains, key, time);
            }
        }

        private async Task<Copy> ReadOnceAsync(IGrainFactory grains, string key, TimeProvider time)
        {
            try
            {
                var copy = new Copy(await grains.GetGrain<IPeerFiguresGrain>(key).TotalsAsync(), time.GetUtcNow());
                Current = copy;
                return copy;
            }
            catch (Exception) when (Current is { } kept)
            {
                return kept;
            }
        }
    }
}
