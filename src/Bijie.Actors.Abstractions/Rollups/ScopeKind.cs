namespace Bijie.Actors.Abstractions;

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
