namespace Bijie.Actors.Abstractions;

/// <summary>The steps of a support matter's long-term handling mechanism (长效办理机制), in order.</summary>
public enum MatterStep
{
    /// <summary>交办: the office hands the matter to the helper, with a responsible person and a due date.</summary>
    Assigned = 1,

    /// <summary>承办: the helper takes it on.</summary>
    Undertaken = 2,

    /// <summary>办结: done.</summary>
    Concluded = 3,

    /// <summary>反馈: Bijie's side reports back how it turned out.</summary>
    FedBack = 4,
}

/// <summary>One step taken: which, by whom, when, with a note.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatterStepRecord")]
public sealed record MatterStepRecord(
    [property: Id(0)] MatterStep Step,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Note);

/// <summary>A request to raise a support matter (争取支持事项) with a helper.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RaiseMatter")]
public sealed record RaiseMatter(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] string HelperId,
    [property: Id(3)] string? LocalityCode,
    [property: Id(4)] Track? Domain,
    [property: Id(5)] string ResponsibleStaffId,
    [property: Id(6)] DateOnly Due);

/// <summary>A support matter as it stands. Its steps are at most four and its escalations a count: bounded.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatterInfo")]
public sealed record MatterInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] string HelperId,
    [property: Id(4)] string? LocalityCode,
    [property: Id(5)] Track? Domain,
    [property: Id(6)] string ResponsibleStaffId,
    [property: Id(7)] DateOnly Due,
    [property: Id(8)] IReadOnlyList<MatterStepRecord> Steps,
    [property: Id(9)] int Escalations,
    [property: Id(10)] DateTimeOffset? LastEscalatedAt,
    [property: Id(11)] int Version)
{
    /// <summary>The last step taken.</summary>
    public MatterStep Step => Steps[^1].Step;

    /// <summary>Concluded (办结) or fed back: no longer watched for its due date.</summary>
    public bool Closed => Step >= MatterStep.Concluded;

    /// <summary>Past its due date (end of that day, Asia/Shanghai) and not concluded.</summary>
    public bool IsOverdue(DateTimeOffset now) => !Closed && now >= MatterRules.DueEnd(Due);
}

/// <summary>A matter in the office's list.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MatterSummary")]
public sealed record MatterSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string HelperId,
    [property: Id(3)] string ResponsibleStaffId,
    [property: Id(4)] DateOnly Due,
    [property: Id(5)] MatterStep Step,
    [property: Id(6)] int Escalations);

/// <summary>The rules of support matters.</summary>
public static class MatterRules
{
    /// <summary>The moment a due date has passed: the end of that day in Asia/Shanghai.</summary>
    public static DateTimeOffset DueEnd(DateOnly due)
    {
        var midnight = due.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, ProgrammeClock.Zone.GetUtcOffset(midnight));
    }

    /// <summary>The step that may follow <paramref name="current"/>: each in turn, none after 反馈.</summary>
    public static MatterStep? Next(MatterStep current) => current == MatterStep.FedBack ? null : current + 1;
}

/// <summary>A support matter (key: its id). Overdue matters escalate by an Orleans reminder, which outlives restarts and silos.</summary>
[Alias("Bijie.Actors.IMatterGrain")]
public interface IMatterGrain : IGrainWithStringKey
{
    [Alias("Raise")]
    Task<MatterInfo> RaiseAsync(RaiseMatter request, ActorRef actor);

    /// <summary>Takes the next step (交办 → 承办 → 办结 → 反馈); any other is refused naming the next.</summary>
    [Alias("Advance")]
    Task<MatterInfo> AdvanceAsync(MatterStep step, string? note, ActorRef actor, int? expectedVersion = null);

    [Alias("Get")]
    Task<MatterInfo> GetAsync();

    /// <summary>The silo this activation runs on (for operators, and for tests that stop it).</summary>
    [Alias("ServedBy")]
    Task<string> ServedByAsync();
}

/// <summary>One shard of the matters' summaries, for the lists (see <see cref="MatterRegistry"/>).</summary>
[Alias("Bijie.Actors.IMatterListGrain")]
public interface IMatterListGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(MatterSummary summary);

    [Alias("List")]
    Task<IReadOnlyList<MatterSummary>> ListAsync();
}

/// <summary>
/// The matters' summaries, spread over shards by the helper they are raised with, so that no storage row grows with
/// the programme's matters and a helper's list reads one shard: keys 1 to <see cref="Shards"/>; key 0 is the one list
/// that held every matter before, still read so that nothing listed there is lost (a matter's next step moves it).
/// </summary>
public static class MatterRegistry
{
    public const int Shards = 64;

    /// <summary>The key of the one list that held every matter before the lists were sharded.</summary>
    public const long Legacy = 0;

    /// <summary>The shard of a helper's matters: 1 to <see cref="Shards"/>.</summary>
    public static long ShardOf(string helperId) => 1 + Registries.StableHash(helperId) % Shards;

    public static Task PutAsync(IGrainFactory grains, MatterSummary summary) =>
        grains.GetGrain<IMatterListGrain>(ShardOf(summary.HelperId)).PutAsync(summary);

    /// <summary>The matters, by due date; a helper's from its shard alone. A matter in its shard stands over its older copy in the legacy list.</summary>
    public static async Task<IReadOnlyList<MatterSummary>> ListAsync(IGrainFactory grains, string? helperId)
    {
        var keys = helperId is null ? Enumerable.Range(1, Shards).Select(k => (long)k) : [ShardOf(helperId)];
        var lists = await Task.WhenAll(keys.Append(Legacy).Select(k => grains.GetGrain<IMatterListGrain>(k).ListAsync()));
        var byId = new Dictionary<string, MatterSummary>(StringComparer.Ordinal);
        foreach (var matter in lists.SelectMany(l => l))
        {
            byId.TryAdd(matter.Id, matter); // the legacy list comes last
        }

        return byId.Values.Where(m => helperId is null || m.HelperId == helperId)
            .OrderBy(m => m.Due).ThenBy(m => m.Id, StringComparer.Ordinal).ToArray();
    }
}
