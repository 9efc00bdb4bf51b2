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

/// <summary>
/// Names of refused fields that are not body properties, in the domain's words: the web shows each where the client sent
/// it (the idempotency key is a request header there).
/// </summary>
public static class DomainFields
{
    public const string IdempotencyKey = "idempotencyKey";
}

/// <summary>A request the model refuses; nothing was changed.</summary>
[GenerateSerializer, Alias("Bijie.Actors.DomainException")]
public sealed class DomainException : Exception
{
    /// <summary>A refusal of the given kind, with a stable code, a readable message and the field at fault.</summary>
    public DomainException(DomainErrorKind kind, string code, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Field = field;
    }

    /// <summary>Refusal kind.</summary>
    [Id(0)] public DomainErrorKind Kind { get; }

    /// <summary>A stable machine-readable code, e.g. <c>locality.unknown</c>.</summary>
    [Id(1)] public string Code { get; }

    /// <summary>The input field at fault, where there is one.</summary>
    [Id(2)] public string? Field { get; }

    /// <summary>
    /// Values the message speaks of (a count, a date), by name, for the pages to say the refusal in the reader's language
    /// without parsing the English message.
    /// </summary>
    [Id(3)] public Dictionary<string, string>? Arguments { get; private set; }

    /// <summary>This refusal with one more named value (<see cref="Arguments"/>).</summary>
    public DomainException With(string name, object value)
    {
        Arguments ??= new Dictionary<string, string>(StringComparer.Ordinal);
        Arguments[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return this;
    }

    /// <summary>The input breaks a rule.</summary>
    public static DomainException Invalid(string code, string message, string? field = null) => new(DomainErrorKind.Invalid, code, message, field);

    /// <summary>The thing named does not exist.</summary>
    public static DomainException NotFound(string code, string message, string? field = null) => new(DomainErrorKind.NotFound, code, message, field);

    /// <summary>The caller's version is stale.</summary>
    public static DomainException Stale(string what, int current, int expected) =>
        new(DomainErrorKind.PreconditionFailed, "version.stale", $"{what} is at version {current}, not {expected}: read it again.");

    /// <summary>A store does not answer.</summary>
    public static DomainException Unavailable(string message) => new(DomainErrorKind.Unavailable, "store.unavailable", message);

    /// <summary>The caller may not do this.</summary>
    public static DomainException Forbidden(string code, string message) => new(DomainErrorKind.Forbidden, code, message);

    /// <summary>The request conflicts with the current state.</summary>
    public static DomainException Conflict(string code, string message, string? field = null) => new(DomainErrorKind.Conflict, code, message, field);
}
