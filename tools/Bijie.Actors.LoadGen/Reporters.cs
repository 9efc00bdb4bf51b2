using System.Collections.Concurrent;
using System.Net;
using Bijie.Actors.Client;

namespace Bijie.Actors.LoadGen;

/// <summary>An organisation that reports: a helper or an enterprise, with the active pairings it may report on.</summary>
public sealed record Organization(string Id, string Role, IReadOnlyList<string> PairingIds);

/// <summary>A simulated reporter: an organisation and its clients, one per host (a retry moves to the next host).</summary>
public sealed record Reporter(Organization Organization, IReadOnlyList<BijieClient> Hosts);

/// <summary>Finds who may report, and gives each organisation a key of its own for the run.</summary>
public static class Reporters
{
    /// <summary>
    /// Every organisation with active pairings that take a report dated <paramref name="date"/>: enterprises for their
    /// village pairings, helpers for their township, regional and institution pairings (the demo: 508 enterprises and
    /// the helpers' 108 units among others). Ordered, so that a run with the same options picks the same reporters.
    /// </summary>
    public static async Task<IReadOnlyList<Organization>> DiscoverAsync(BijieClient admin, DateOnly date, CancellationToken cancellationToken)
    {
        var pairings = new Dictionary<(string Role, string Id), List<string>>();
        await foreach (var p in admin.ListAllPairingsAsync(new PairingFilter(Status: "active"), cancellationToken))
        {
            var owner = p.EnterpriseCode is { } code ? ("Enterprise", code) : p.HelperId is { } helper ? ("Helper", helper) : default;
            if (owner == default || p.Start > date)
            {
                continue;
            }

            if (!pairings.TryGetValue(owner, out var list))
            {
                pairings[owner] = list = [];
            }

            list.Add(p.Id);
        }

        return pairings
            .OrderBy(o => o.Key.Role, StringComparer.Ordinal).ThenBy(o => o.Key.Id, StringComparer.Ordinal)
            .Select(o => new Organization(o.Key.Id, o.Key.Role, o.Value.Order(StringComparer.Ordinal).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// Issues one key per organisation (role Helper or Enterprise, bound to it), so each reporter is checked as the
    /// organisation itself and has its own rate limit, as real reporters do. Null when the key given may not issue
    /// keys (an office key): the run then reports on the organisations' behalf with that key.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IssuedApiKey>?> IssueKeysAsync(
        BijieClient admin, IEnumerable<Organization> organizations, string runId, CancellationToken cancellationToken)
    {
        var keys = new ConcurrentDictionary<string, IssuedApiKey>();
        try
        {
            await Parallel.ForEachAsync(organizations, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (o, ct) =>
                keys[o.Id] = await admin.IssueApiKeyAsync(new NewApiKey($"loadgen {runId} {o.Id}", o.Role, o.Id), ct));
        }
        catch (BijieApiException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            await RevokeKeysAsync(admin, keys.Values);
            return null;
        }

        return keys;
    }

    /// <summary>Revokes the run's keys: they were for this run only. Best effort: a key left over only costs a row.</summary>
    public static async Task<int> RevokeKeysAsync(BijieClient admin, IEnumerable<IssuedApiKey> keys)
    {
        var failed = 0;
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (k, ct) =>
        {
            try
            {
                await admin.RevokeApiKeyAsync(k.Key.Id, ct);
            }
            catch (Exception e) when (e is BijieApiException or HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return failed;
    }

    /// <summary>N reporters cycling over the organisations; reporters of one organisation share its key and clients.</summary>
    public static IReadOnlyList<Reporter> Assign(
        int count, IReadOnlyList<Organization> organizations, IReadOnlyDictionary<string, IssuedApiKey>? keys, string sharedKey, IReadOnlyList<HttpClient> hosts)
    {
        var clients = new Dictionary<string, IReadOnlyList<BijieClient>>();
        return Enumerable.Range(0, count).Select(i =>
        {
            var organization = organizations[i % organizations.Count];
            if (!clients.TryGetValue(organization.Id, out var perHost))
            {
                var token = keys?[organization.Id].Token ?? sharedKey;
                // One attempt per call: the runner retries itself, so that it sees and counts every failed attempt.
                clients[organization.Id] = perHost = hosts.Select(h => new BijieClient(h, new BijieClientOptions { ApiKey = token, MaxAttempts = 1 })).ToArray();
            }

            return new Reporter(organization, perHost);
        }).ToArray();
    }
}
