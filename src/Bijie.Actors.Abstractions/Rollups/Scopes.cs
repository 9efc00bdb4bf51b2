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
