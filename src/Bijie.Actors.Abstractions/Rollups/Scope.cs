namespace Bijie.Actors.Abstractions;

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
