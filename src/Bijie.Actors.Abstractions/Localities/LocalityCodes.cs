namespace Bijie.Actors.Abstractions;

/// <summary>Division codes: their shape and level. Whether a code exists is the locality grain's to say.</summary>
public static class LocalityCodes
{
    /// <summary>Bijie's city code.</summary>
    public const string Bijie = "5205";

    /// <summary>The level a well-formed code names, or null when the code is malformed.</summary>
    public static LocalityLevel? LevelOf(string? code)
    {
        if (code is null || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        return code.Length switch
        {
            4 => LocalityLevel.City,
            6 => LocalityLevel.County,
            9 => LocalityLevel.Township,
            12 => LocalityLevel.Village,
            _ => null,
        };
    }

    /// <summary>The codes of a locality and all its ancestors, city first (5205, 520527, 520527004, 520527004002).</summary>
    public static IReadOnlyList<string> Lineage(string code) => LevelOf(code) switch
    {
        LocalityLevel.City => [code],
        LocalityLevel.County => [code[..4], code],
        LocalityLevel.Township => [code[..4], code[..6], code],
        LocalityLevel.Village => [code[..4], code[..6], code[..9], code],
        _ => throw DomainException.Invalid("locality.malformed", $"'{code}' is not a division code (4, 6, 9 or 12 digits).", "code"),
    };

    /// <summary>The lower-case name of a level as the API writes it.</summary>
    public static string Name(this LocalityLevel level) => level switch
    {
        LocalityLevel.City => "city",
        LocalityLevel.County => "county",
        LocalityLevel.Township => "township",
        _ => "village",
    };
}
