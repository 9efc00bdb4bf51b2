namespace Bijie.Actors.Abstractions;

/// <summary>
/// Roll-up scopes: every ledger line names the scopes it counts in. L:{division code} for a locality and its
/// ancestors, T:{track}, H:{helper id}, E:{credit code}, S:{pairing or project id}.
/// </summary>
public static class Scopes
{
    public static string Locality(string code) => new Scope(ScopeKind.Locality, code).ToString();

    public static string Track(Track track) => new Scope(ScopeKind.Track, track.Code()).ToString();

    public static string Helper(string id) => new Scope(ScopeKind.Helper, id).ToString();

    public static string Enterprise(string code) => new Scope(ScopeKind.Enterprise, code).ToString();

    public static string Subject(string id) => new Scope(ScopeKind.Subject, id).ToString();

    /// <summary>The ids of the scopes of one kind among <paramref name="scopes"/>, in their order.</summary>
    public static IEnumerable<string> IdsOf(IEnumerable<string> scopes, ScopeKind kind) =>
        scopes.Select(Scope.Parse).Where(s => s.Kind == kind).Select(s => s.Id);

    /// <summary>Membership of the pairings currently active at a scope (for "a village lists its enterprises").</summary>
    public const string ActivePairings = "active_pairings";

    /// <summary>Membership of the projects at a scope that are not cancelled.</summary>
    public const string LiveProjects = "live_projects";

    /// <summary>Membership of every pairing at a scope, for the years it was active (listings, period filters).</summary>
    public const string AllPairings = "pairings";

    /// <summary>Membership of every project at a scope, from its proposal to its end (listings, period filters).</summary>
    public const string AllProjects = "projects";

    /// <summary>The stages of the project library funnel (入库 → 计划 → 实施 → 完成 → 验收), in order.</summary>
    public static IReadOnlyList<ProjectStatus> FunnelStages { get; } =
        [ProjectStatus.InLibrary, ProjectStatus.Planned, ProjectStatus.InProgress, ProjectStatus.Completed, ProjectStatus.Accepted];

    /// <summary>Membership of the projects (not cancelled) that had reached a funnel stage by a year.</summary>
    public static string Stage(ProjectStatus stage) => $"stage:{stage}";
}

/// <summary>The sums one committed batch adds to one scope.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.SumDelta")]
public sealed record SumDelta(
    [property: Id(0)] string Indicator,
    [property: Id(1)] short Year,
    [property: Id(2)] short? Month,
    [property: Id(3)] decimal Value);

/// <summary>A member one committed batch adds (+) or removes (−) in one scope, for the years Year..YearTo.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.MemberDelta")]
public sealed record MemberDelta(
    [property: Id(0)] string Indicator,
    [property: Id(1)] string Member,
    [property: Id(2)] short Year,
    [property: Id(3)] short? YearTo,
    [property: Id(4)] int Count);

/// <summary>
/// Everything one committed batch adds to one scope; applied once (by <see cref="BatchId"/>). <see cref="Lines"/> is
/// how many ledger lines it folds: what a rebuild of the scope from the ledger would read again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.BatchDelta")]
public sealed record BatchDelta(
    [property: Id(0)] long BatchId,
    [property: Id(1)] IReadOnlyList<SumDelta> Sums,
    [property: Id(2)] IReadOnlyList<MemberDelta> Members,
    [property: Id(3)] int Lines);

/// <summary>One indicator's figure on a board.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.BoardFigure")]
public sealed record BoardFigure(
    [property: Id(0)] string Indicator,
    [property: Id(1)] decimal Value,
    [property: Id(2)] decimal? PreviousValue,
    [property: Id(3)] decimal? YoyPercent);

/// <summary>A scope's figures for a year, live.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Board")]
public sealed record Board(
    [property: Id(0)] string Scope,
    [property: Id(1)] int Year,
    [property: Id(2)] IReadOnlyList<BoardFigure> Figures,
    [property: Id(3)] IReadOnlyDictionary<string, IReadOnlyList<decimal>> Months,
    [property: Id(4)] IReadOnlyDictionary<string, int>? Funnel = null,
    [property: Id(5)] IReadOnlyDictionary<string, decimal>? Reviewed = null);

/// <summary>How much traffic a roll-up grain has taken since it activated: to show no grain carries every write.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ScopeStats")]
public sealed record ScopeStats(
    [property: Id(0)] long ApplyCalls,
    [property: Id(1)] long BatchesApplied,
    [property: Id(2)] long BatchesIgnored,
    [property: Id(3)] long Head,
    [property: Id(4)] int LinesSinceSnapshot,
    [property: Id(5)] DateTimeOffset ActivatedAt);

/// <summary>A roll-up of the ledger for one scope: exact sums per indicator, year and month, and counted members.</summary>
[Alias("Bijie.Actors.IScopeGrain")]
public interface IScopeGrain : IGrainWithStringKey
{
    /// <summary>Adds committed batches; a batch already included is ignored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(IReadOnlyList<BatchDelta> batches);

    [Alias("GetBoard")]
    Task<Board> GetBoardAsync(int year);

    /// <summary>The members of a counted indicator in a year (null: members of any year).</summary>
    [Alias("GetMembers")]
    Task<IReadOnlyList<string>> GetMembersAsync(string indicator, int? year);

    [Alias("GetStats")]
    Task<ScopeStats> GetStatsAsync();

    /// <summary>How many distinct members of a counted indicator began in or after a year (e.g. projects started since).</summary>
    [Alias("CountMembersFrom")]
    Task<int> CountMembersFromAsync(string indicator, int fromYear);

    /// <summary>The latest year with any value line, or null.</summary>
    [Alias("GetLatestYear")]
    Task<int?> GetLatestYearAsync();
}

/// <summary>What a roll-up scope counts: a locality, a track, a helper, an enterprise, a subject (pairing or project).</summary>
public enum ScopeKind
{
    /// <summary>Not one of the kinds above (a scope string of another shape).</summary>
    Other,
    Locality,
    Track,
    Helper,
    Enterprise,
    Subject,
}

/// <summary>
/// A roll-up scope as a value: its kind and id, written as the ledger and the grain keys hold it (<c>L:520527</c>).
/// The one place that knows the prefixes.
/// </summary>
public readonly record struct Scope(ScopeKind Kind, string Id)
{
    public static Scope Parse(string text)
    {
        var kind = KindOf(text);
        return kind == ScopeKind.Other ? new Scope(kind, text) : new Scope(kind, text[2..]);
    }

    /// <summary>The kind of a scope string, without taking it apart (the live path asks it of every report's scopes).</summary>
    public static ScopeKind KindOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length < 2 || text[1] != ':' ? ScopeKind.Other : text[0] switch
        {
            'L' => ScopeKind.Locality,
            'T' => ScopeKind.Track,
            'H' => ScopeKind.Helper,
            'E' => ScopeKind.Enterprise,
            'S' => ScopeKind.Subject,
            _ => ScopeKind.Other,
        };
    }

    public override string ToString() => Kind switch
    {
        ScopeKind.Locality => $"L:{Id}",
        ScopeKind.Track => $"T:{Id}",
        ScopeKind.Helper => $"H:{Id}",
        ScopeKind.Enterprise => $"E:{Id}",
        ScopeKind.Subject => $"S:{Id}",
        _ => Id,
    };
}
