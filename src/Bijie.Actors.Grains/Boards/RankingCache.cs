using System.Collections.Concurrent;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Boards;

/// <summary>
/// A locality's ranking of its paired enterprises reads every one of their boards: this host computes it at most
/// once per <see cref="MaxAge"/> for each locality and year, however many screens ask, so the work requests can
/// cause is bounded. A ranking a few seconds old is what the boards already allow.
/// </summary>
public sealed class RankingCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>At most this many rankings are kept (4,003 localities, a few years each); past it they are dropped.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string Code, int Year), Entry> entries = new();

    public async Task<IReadOnlyList<TopEnterprise>> GetOrAddAsync(string code, int year, Func<Task<IReadOnlyList<TopEnterprise>>> rank)
    {
        var key = (code, year);
        while (true)
        {
            // Concurrent requests share one computation: the first adds the entry, the others await it.
            var entry = entries.GetOrAdd(key, _ => new Entry(time.GetTimestamp(), rank()));
            if (time.GetElapsedTime(entry.At) < MaxAge)
            {
                try
                {
                    return await entry.Rows;
                }
                catch
                {
                    entries.TryRemove(KeyValuePair.Create(key, entry)); // a failed ranking is not kept
                    throw;
                }
            }

            entries.TryRemove(KeyValuePair.Create(key, entry));
            if (entries.Count > MaxEntries)
            {
                entries.Clear();
            }
        }
    }

    private sealed record Entry(long At, Task<IReadOnlyList<TopEnterprise>> Rows);
}
