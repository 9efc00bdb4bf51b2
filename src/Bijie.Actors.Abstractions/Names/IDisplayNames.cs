namespace Bijie.Actors.Abstractions;

/// <summary>The names a person reads in place of ids: a pairing's two sides, a project's title, who filed a report, a place.</summary>
public interface IDisplayNames
{
    /// <summary>The reports with their subject's and reporter's names filled in.</summary>
    Task<IReadOnlyList<ReportView>> NameAsync(IReadOnlyList<ReportView> reports);

    /// <summary>A pairing's or project's name (<c>kind</c> "project" or anything else for a pairing), or null.</summary>
    Task<string?> SubjectNameAsync(string subjectId, string kind);

    /// <summary>A county's, township's or village's name, or null.</summary>
    Task<string?> LocalityNameAsync(string code);

    /// <summary>An enterprise's name (by its credit code) or a helper organisation's Chinese name; null for another kind or an unknown id.</summary>
    Task<string?> OrganizationNameAsync(ScopeKind kind, string id);

    /// <summary>Who an actor id is: an account's display name ("user:…"), an API key's owner; null for the system or an unknown id.</summary>
    Task<string?> ActorNameAsync(string actorId);
}
