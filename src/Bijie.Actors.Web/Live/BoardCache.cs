using System.Collections.Concurrent;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// The boards' answers as last serialised, per scope and year, in this web host. When a report changes a scope,
/// every open board of it reads again at once (a hundred screens, a hundred reads); the first read serialises the
/// board and the others get the same bytes. A scope's entries are dropped when the live feed says it changed
/// (<see cref="Invalidate"/>, before the screens are told), and none is older than <see cref="MaxAge"/> in any
/// case, so a change whose notice was lost (a silo's feed renewing its subscription) shows within that time.
/// </summary>
public sealed class BoardCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Scope, int? Year), (long Version, long At, byte[] Json)> entries = new();

    /// <summary>How many scopes the cache follows the changes of: those it has served.</summary>
    public int ScopesFollowed => versions.Count;

    /// <summary>
    /// The scope changed: what was serialised of it is out of date. Only scopes this host has served are counted:
    /// at national scale hundreds of thousands of scopes change that no screen shows.
    /// </summary>
    public void Invalidate(string scope)
    {
        if (versions.ContainsKey(scope))
        {
            versions.AddOrUpdate(scope, 1, (_, v) => v + 1);
        }
    }

    public async Task<byte[]> GetOrAddAsync(string scope, int? year, Func<Task<byte[]>> serialize)
    {
        // The version is read (and the scope counted from now on) before the board: a change that lands while it is
        // read makes this copy stale at once; one that landed before is in what is read.
        var version = versions.GetOrAdd(scope, 0);
        var now = time.GetTimestamp();
        if (entries.TryGetValue((scope, year), out var entry) && entry.Version == version && time.GetElapsedTime(entry.At, now) < MaxAge)
        {
            return entry.Json;
        }

        var json = await serialize();
        if (json.Length > 0) // nothing is kept of a refusal
        {
            entries[(scope, year)] = (version, now, json);
        }

        return json;
    }

    /// <summary>A locality's board as the API and the hub send it, through this cache (a bad year is refused and never kept).</summary>
    public Task<byte[]> LocalityBoardAsync(LocalityInfo locality, int? year, IBoardReader boards, System.Text.Json.JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(locality);
        ArgumentNullException.ThrowIfNull(boards);
        var scope = Scopes.Locality(locality.Code);
        return GetOrAddAsync(scope, year, async () =>
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Contracts.BoardDto.From(locality.Code, locality.Name, await boards.ReadAsync(scope, year)), json));
    }
}
