namespace Bijie.Actors.Abstractions;

/// <summary>The project status machine.</summary>
public static class ProjectTransitions
{
    private static readonly IReadOnlyDictionary<ProjectStatus, ProjectStatus[]> Allowed = new Dictionary<ProjectStatus, ProjectStatus[]>
    {
        [ProjectStatus.Proposed] = [ProjectStatus.InLibrary, ProjectStatus.Cancelled],
        [ProjectStatus.InLibrary] = [ProjectStatus.Planned, ProjectStatus.Cancelled],
        [ProjectStatus.Planned] = [ProjectStatus.InProgress, ProjectStatus.Suspended, ProjectStatus.Cancelled],
        [ProjectStatus.InProgress] = [ProjectStatus.Completed, ProjectStatus.Suspended, ProjectStatus.Cancelled],
        [ProjectStatus.Suspended] = [ProjectStatus.InProgress, ProjectStatus.Cancelled],
        [ProjectStatus.Completed] = [ProjectStatus.Accepted],
        [ProjectStatus.Accepted] = [],
        [ProjectStatus.Cancelled] = [],
    };

    /// <summary>The statuses a project in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<ProjectStatus> From(ProjectStatus from) => Allowed.GetValueOrDefault(from, []);
}
