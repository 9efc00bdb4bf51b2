using System.Collections.Concurrent;
using Bijie.Actors.Abstractions;
using Microsoft.Extensions.Logging;

namespace Bijie.Actors.Grains.Names;

/// <summary>
/// The names a person reads in place of ids (a pairing's two sides, a project's title, who filed a report), looked up
/// once per distinct id of a page and kept for a few minutes: a list of 200 reports on 30 subjects asks 30 grains, and
/// the next page asks none; the ticker names each report's place and reporter here, without a grain call per report.
/// Names change rarely; a renamed helper shows its new name within <see cref="Lifetime"/>.
/// </summary>
public sealed class DisplayNames(IGrainFactory grains, TimeProvider time, ILogger<DisplayNames> logger) : IDisplayNames
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<string, (string? Name, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ReportView>> NameAsync(IReadOnlyList<ReportView> reports)
    {
        var subjects = await LookUpAsync(reports.Select(r => (Key: $"s:{r.SubjectKind}:{r.SubjectId}", Find: (Func<Task<string?>>)(() => grains.SubjectNameAsync(r.SubjectId, r.SubjectKind)))));
        var reporters = await LookUpAsync(reports.Where(r => r.ReportedBy.Length > 0).Select(r => (Key: $"a:{r.ReportedBy}", Find: (Func<Task<string?>>)(() => ActorAsync(r.ReportedBy)))));
        return reports.Select(r => r with
        {
            SubjectName = subjects.GetValueOrDefault($"s:{r.SubjectKind}:{r.SubjectId}"),
            ReporterName = r.ReportedBy.Length > 0 ? reporters.GetValueOrDefault($"a:{r.ReportedBy}") : null,
        }).ToArray();
    }

    public Task<string?> SubjectNameAsync(string subjectId, string kind) =>
        OneAsync($"s:{kind}:{subjectId}", () => grains.SubjectNameAsync(subjectId, kind));

    public Task<string?> LocalityNameAsync(string code) =>
        OneAsync($"l:{code}", async () => (await grains.GetLocality(code).GetAsync()).Name);

    public async Task<string?> OrganizationNameAsync(ScopeKind kind, string id)
    {
        Func<Task<string?>>? find = kind switch
        {
            ScopeKind.Enterprise => async () => (await grains.GetGrain<IEnterpriseGrain>(id).GetAsync()).Name,
            ScopeKind.Helper => async () => (await grains.GetGrain<IHelperGrain>(id).GetAsync()).NameZh,
            _ => null,
        };
        return find is null ? null : await OneAsync($"o:{kind}:{id}", find);
    }

    /// <summary>One name: straight from the cache when it holds it (the ticker asks two for every report).</summary>
    private async Task<string?> OneAsync(string key, Func<Task<string?>> find) =>
        cache.TryGetValue(key, out var hit) && hit.Until > time.GetUtcNow() ? hit.Name : (await LookUpAsync([(key, find)])).GetValueOrDefault(key);

    private async Task<Dictionary<string, string?>> LookUpAsync(IEnumerable<(string Key, Func<Task<string?>> Find)> wanted)
    {
        var now = time.GetUtcNow();
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        var missing = new Dictionary<string, Func<Task<string?>>>(StringComparer.Ordinal);
        foreach (var (key, find) in wanted)
        {
            if (found.ContainsKey(key) || missing.ContainsKey(key))
            {
                continue;
            }

            if (cache.TryGetValue(key, out var hit) && hit.Until > now)
            {
                found[key] = hit.Name;
            }
            else
            {
                missing[key] = find;
            }
        }

        var looked = await Task.WhenAll(missing.Select(async m => (m.Key, Name: await SafelyAsync(m.Value))));
        if (cache.Count + looked.Length > Capacity)
        {
            cache.Clear();
        }

        foreach (var (key, name) in looked)
        {
            found[key] = name;
            cache[key] = (name, now + Lifetime);
        }

        return found;
    }

    private async Task<string?> SafelyAsync(Func<Task<string?>> find)
    {
        try
        {
            return await find();
        }
        catch (DomainException e)
        {
            logger.LogDebug("No name found: {Message}", e.Message);
            return null;
        }
    }

    public Task<string?> ActorNameAsync(string actorId) => OneAsync($"a:{actorId}", () => ActorAsync(actorId));

    private async Task<string?> ActorAsync(string actorId)
    {
        if (actorId.StartsWith("user:", StringComparison.Ordinal))
        {
            return (await grains.GetGrain<IAccountGrain>(actorId["user:".Length..]).GetAsync()).DisplayName;
        }

        // An API key's id is its public part; its owner names the program or organisation it was issued to.
        return ApiKeyIds.IsKeyId(actorId) ? (await grains.GetGrain<IApiKeyGrain>(actorId).GetAsync()).Owner : null;
    }
}
