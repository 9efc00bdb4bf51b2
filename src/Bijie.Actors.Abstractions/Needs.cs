namespace Bijie.Actors.Abstractions;

/// <summary>Where a need stands.</summary>
public enum NeedStatus
{
    /// <summary>Posted, waiting for a helper.</summary>
    Open = 0,

    /// <summary>The office confirmed a helper; the need became a project in the library (入库).</summary>
    Matched = 1,

    /// <summary>Met.</summary>
    Fulfilled = 2,

    /// <summary>Taken back by whoever posted it.</summary>
    Withdrawn = 3,
}

/// <summary>How urgent a need is.</summary>
public enum NeedUrgency
{
    Low = 0,
    Normal = 1,
    High = 2,
}

/// <summary>A need Bijie posts (毕节所需): domain, place, what, budget, urgency, deadline.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PostNeed")]
public sealed record PostNeed(
    [property: Id(0)] Track Domain,
    [property: Id(1)] string LocalityCode,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] decimal BudgetYuan,
    [property: Id(5)] NeedUrgency Urgency,
    [property: Id(6)] DateOnly Deadline);

/// <summary>A need as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.NeedInfo")]
public sealed record NeedInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] Track Domain,
    [property: Id(2)] string LocalityCode,
    [property: Id(3)] string Title,
    [property: Id(4)] string? Description,
    [property: Id(5)] decimal BudgetYuan,
    [property: Id(6)] NeedUrgency Urgency,
    [property: Id(7)] DateOnly Deadline,
    [property: Id(8)] NeedStatus Status,
    [property: Id(9)] string PostedBy,
    [property: Id(10)] DateTimeOffset PostedAt,
    [property: Id(11)] string? MatchedHelperId,
    [property: Id(12)] DateTimeOffset? MatchedAt,
    [property: Id(13)] string? ProjectId,
    [property: Id(14)] DateTimeOffset? ClosedAt,
    [property: Id(15)] int Version);

/// <summary>A helper proposed for a need, with its rank and the reasons for it (统战所长).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatchCandidate")]
public sealed record MatchCandidate(
    [property: Id(0)] int Rank,
    [property: Id(1)] string HelperId,
    [property: Id(2)] string Name,
    [property: Id(3)] int Score,
    [property: Id(4)] bool DomainFit,
    [property: Id(5)] int PairingsNearby,
    [property: Id(6)] int Load,
    [property: Id(7)] IReadOnlyList<string> Reasons);

/// <summary>A need in the lists and the boards' counts.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.NeedSummary")]
public sealed record NeedSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] Track Domain,
    [property: Id(3)] string LocalityCode,
    [property: Id(4)] NeedStatus Status,
    [property: Id(5)] NeedUrgency Urgency,
    [property: Id(6)] DateOnly Deadline,
    [property: Id(7)] DateTimeOffset PostedAt,
    [property: Id(8)] DateTimeOffset? MatchedAt,
    [property: Id(9)] string? MatchedHelperId);

/// <summary>A need (key: its id): posted by a locality or the office, matched by the office to a helper.</summary>
[Alias("Bijie.Actors.INeedGrain")]
public interface INeedGrain : IGrainWithStringKey
{
    [Alias("Post")]
    Task<NeedInfo> PostAsync(PostNeed request, ActorRef actor);

    [Alias("Get")]
    Task<NeedInfo> GetAsync();

    /// <summary>Every registered helper ranked for this need: domain fit, pairings nearby, regions served, load.</summary>
    [Alias("Candidates")]
    Task<IReadOnlyList<MatchCandidate>> CandidatesAsync();

    /// <summary>The office confirms a helper: the need becomes a project in the library, led by that helper.</summary>
    [Alias("Match")]
    Task<NeedInfo> MatchAsync(string helperId, string responsibleStaffId, ActorRef actor);

    /// <summary>Fulfilled (office) or withdrawn (whoever posted it, or the office, while open).</summary>
    [Alias("Close")]
    Task<NeedInfo> CloseAsync(NeedStatus status, ActorRef actor);
}

/// <summary>
/// One shard of the needs' summaries (key: 1 to <see cref="NeedRegistry.Shards"/>; key 0 is the one list of the
/// stores before the needs were sharded, still read). Reach it through <see cref="NeedRegistry"/>.
/// </summary>
[Alias("Bijie.Actors.INeedListGrain")]
public interface INeedListGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(NeedSummary summary);

    [Alias("List")]
    Task<IReadOnlyList<NeedSummary>> ListAsync();
}

/// <summary>
/// The open needs a locality's office has posted (key: the office's locality code), held under a quota so that
/// one locality's account or key cannot fill the needs' registry.
/// </summary>
[Alias("Bijie.Actors.INeedQuotaGrain")]
public interface INeedQuotaGrain : IGrainWithStringKey
{
    /// <summary>Counts an open need; refused (409, need.quota) when the locality holds its quota of open needs already. Idempotent.</summary>
    [Alias("Reserve")]
    Task ReserveAsync(string needId);

    /// <summary>The need is no longer open (matched or withdrawn). Idempotent.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string needId);

    [Alias("Count")]
    Task<int> CountAsync();
}

/// <summary>
/// The needs' registry spread over shards by the need's id, as <see cref="Registries"/> spreads enterprises, so
/// that no storage row grows with the number of needs past its shard's part. The shard count never changes once
/// needs are stored under it.
/// </summary>
public static class NeedRegistry
{
    public const int Shards = 64;

    /// <summary>The key of the one list that held every need before the registry was sharded.</summary>
    public const long Legacy = 0;

    /// <summary>The key of the shard that holds <paramref name="needId"/>: 1 to <see cref="Shards"/>.</summary>
    public static long ShardOf(string needId) => 1 + Registries.StableHash(needId) % Shards;

    public static Task PutAsync(IGrainFactory grains, NeedSummary summary) =>
        grains.GetGrain<INeedListGrain>(ShardOf(summary.Id)).PutAsync(summary);

    /// <summary>Every need, newest first; a need in its shard stands over its older copy in the legacy list.</summary>
    public static async Task<IReadOnlyList<NeedSummary>> ListAsync(IGrainFactory grains)
    {
        var lists = await Task.WhenAll(Enumerable.Range(0, Shards + 1).Select(k => grains.GetGrain<INeedListGrain>(k).ListAsync()));
        var byId = new Dictionary<string, NeedSummary>(StringComparer.Ordinal);
        foreach (var need in lists.Skip(1).SelectMany(l => l).Concat(lists[0]))
        {
            byId.TryAdd(need.Id, need);
        }

        return byId.Values.OrderByDescending(n => n.PostedAt).ThenBy(n => n.Id, StringComparer.Ordinal).ToArray();
    }
}
