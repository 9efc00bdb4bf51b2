namespace Bijie.Actors.Abstractions;

/// <summary>What kind of refusal a <see cref="DomainException"/> is; the API maps it to a status code.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule (400).</summary>
    Invalid = 0,

    /// <summary>The thing named does not exist (404 in a path, 400 in a body).</summary>
    NotFound = 1,

    /// <summary>The request conflicts with the current state (409).</summary>
    Conflict = 2,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden = 3,

    /// <summary>The thing changed since the caller read it: the version it was based on is no longer current (412).</summary>
    PreconditionFailed = 4,

    /// <summary>A store the request needs does not answer now; try again (503).</summary>
    Unavailable = 5,
}
