namespace Bijie.Actors.Abstractions;

/// <summary>
/// A research visit (调研指导) as recorded: a batch of people from a helper visiting places in Bijie. Recording it
/// counts one batch and its person-times in every place it went to (and the levels above), in the helper's and
/// the track's figures: the board indicators research_visit_* come from these records only.
/// </summary>
/// <param name="Batch">The batch's name as the office writes it (e.g. 2023年第3批).</param>
/// <param name="HelperId">The helper organisation that sent it.</param>
/// <param name="Track">The track it served (regional for a committee's own county, else a domain).</param>
/// <param name="People">Who went (leaders by name; may be a selection).</param>
/// <param name="PersonTimes">Person-times counted (人次), at least one per person named.</param>
/// <param name="Places">The division codes of the places visited (county, township or village), at least one.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Note">What was looked into.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RecordVisit")]
public sealed record RecordVisit(
    [property: Id(0)] string Batch,
    [property: Id(1)] string HelperId,
    [property: Id(2)] Track Track,
    [property: Id(3)] IReadOnlyList<string> People,
    [property: Id(4)] int PersonTimes,
    [property: Id(5)] IReadOnlyList<string> Places,
    [property: Id(6)] DateOnly From,
    [property: Id(7)] DateOnly To,
    [property: Id(8)] string? Note);

/// <summary>A research visit as it stands; <see cref="WithdrawnAt"/> once taken back (its figures reversed).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.VisitInfo")]
public sealed record VisitInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] RecordVisit Visit,
    [property: Id(2)] Guid EntryId,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] DateTimeOffset? WithdrawnAt = null,
    [property: Id(6)] string? WithdrawnReason = null);

/// <summary>A research visit (key: its id). The ledger entry is the record; the grain answers for it.</summary>
[Alias("Bijie.Actors.IVisitGrain")]
public interface IVisitGrain : IGrainWithStringKey
{
    /// <summary>Records the visit once; the same record again is answered with what was recorded.</summary>
    [Alias("Record")]
    Task<VisitInfo> RecordAsync(RecordVisit visit, ActorRef actor);

    [Alias("Get")]
    Task<VisitInfo> GetAsync();

    /// <summary>Takes the visit back: its figures are reversed in the ledger.</summary>
    [Alias("Withdraw")]
    Task<VisitInfo> WithdrawAsync(string reason, ActorRef actor);
}

/// <summary>What kind of expert team.</summary>
public enum ExpertTeamKind
{
    /// <summary>专家服务团.</summary>
    ServiceTeam = 0,

    /// <summary>专家指导组.</summary>
    GuidanceGroup = 1,
}

/// <summary>An expert of a team.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Expert")]
public sealed record Expert(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Field,
    [property: Id(2)] string? Affiliation);

/// <summary>An expert service team or guidance group: who sends it, its domain, its experts.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RegisterExpertTeam")]
public sealed record RegisterExpertTeam(
    [property: Id(0)] string NameZh,
    [property: Id(1)] ExpertTeamKind Kind,
    [property: Id(2)] Track Track,
    [property: Id(3)] IReadOnlyList<string> HelperIds,
    [property: Id(4)] IReadOnlyList<Expert> Experts);

/// <summary>An expert team as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ExpertTeamInfo")]
public sealed record ExpertTeamInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameZh,
    [property: Id(2)] ExpertTeamKind Kind,
    [property: Id(3)] Track Track,
    [property: Id(4)] IReadOnlyList<string> HelperIds,
    [property: Id(5)] IReadOnlyList<Expert> Experts,
    [property: Id(6)] int Version);

/// <summary>A service batch of an expert team: where it served, when, and the person-times it counts.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RecordServiceBatch")]
public sealed record RecordServiceBatch(
    [property: Id(0)] string Batch,
    [property: Id(1)] IReadOnlyList<string> Places,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] int PersonTimes,
    [property: Id(5)] string? Note);

/// <summary>A service batch as the ledger holds it.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ServiceBatchInfo")]
public sealed record ServiceBatchInfo(
    [property: Id(0)] Guid EntryId,
    [property: Id(1)] string TeamId,
    [property: Id(2)] RecordServiceBatch Batch,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] bool Withdrawn);

/// <summary>An expert team (key: its id): registered by the office, its service batches recorded in the ledger.</summary>
[Alias("Bijie.Actors.IExpertTeamGrain")]
public interface IExpertTeamGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the team (office).</summary>
    [Alias("Register")]
    Task<ExpertTeamInfo> RegisterAsync(RegisterExpertTeam team, ActorRef actor);

    [Alias("Get")]
    Task<ExpertTeamInfo> GetAsync();

    /// <summary>Records a service batch once per key: one batch and its person-times in every place served.</summary>
    [Alias("RecordBatch")]
    Task<ServiceBatchInfo> RecordBatchAsync(RecordServiceBatch batch, string idempotencyKey, ActorRef actor);

    /// <summary>The team's batches, newest first.</summary>
    [Alias("ListBatches")]
    Task<IReadOnlyList<ServiceBatchInfo>> ListBatchesAsync();

    /// <summary>Takes a batch back: its figures are reversed.</summary>
    [Alias("WithdrawBatch")]
    Task<ServiceBatchInfo> WithdrawBatchAsync(Guid entryId, string reason, ActorRef actor);
}

/// <summary>What kind of platform.</summary>
public enum PlatformKind
{
    /// <summary>党外院士工作站 (an academician workstation of non-CPC academicians).</summary>
    AcademicianWorkstation = 0,

    /// <summary>科技小院 (a science and technology backyard).</summary>
    ScienceBackyard = 1,

    /// <summary>Another standing platform (基地, 中心).</summary>
    Other = 2,
}

/// <summary>A standing platform: its place, the helpers behind it, since when.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RegisterPlatform")]
public sealed record RegisterPlatform(
    [property: Id(0)] string NameZh,
    [property: Id(1)] PlatformKind Kind,
    [property: Id(2)] Track Track,
    [property: Id(3)] string LocalityCode,
    [property: Id(4)] IReadOnlyList<string> HelperIds,
    [property: Id(5)] DateOnly EstablishedOn,
    [property: Id(6)] string? Description);

/// <summary>A platform as it stands.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PlatformInfo")]
public sealed record PlatformInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] RegisterPlatform Platform,
    [property: Id(2)] int Version,
    [property: Id(3)] DateTimeOffset UpdatedAt);

/// <summary>A platform (key: its id), registered by the office.</summary>
[Alias("Bijie.Actors.IPlatformGrain")]
public interface IPlatformGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<PlatformInfo> RegisterAsync(RegisterPlatform platform, ActorRef actor);

    [Alias("Get")]
    Task<PlatformInfo> GetAsync();
}

/// <summary>The rules both kinds of engagement records share.</summary>
public static class EngagementRules
{
    /// <summary>The kinds a ledger entry's body names for records that are not progress reports.</summary>
    public const string VisitKind = "visit", ServiceBatchKind = "expert_service";

    public const int MaxPlaces = 50, MaxPeople = 200, MaxExperts = 200, MaxPersonTimes = 100_000;
}
