namespace Bijie.Actors.Abstractions;

/// <summary>A need (key: its id): posted by a locality or the office, matched by the office to a helper.</summary>
[Alias("Bijie.Actors.INeedGrain")]
public interface INeedGrain : IGrainWithStringKey, IChangeTracked
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
