namespace Bijie.Actors.Abstractions;

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
