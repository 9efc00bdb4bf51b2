namespace Bijie.Actors.Abstractions;

/// <summary>Well-known keys of the programme grain.</summary>
public static class ProgrammeKeys
{
    /// <summary>The Bijie pairing-assistance programme.</summary>
    public const string Bijie = "bijie";
}
