namespace Bijie.Actors.Abstractions;

/// <summary>Unified social credit codes (统一社会信用代码), GB 32100-2015.</summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character (the 18th) for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Null when the code is valid; else why not, in words a person can act on.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "A unified social credit code is required.";
        }

        if (code.Length != 18)
        {
            return $"A unified social credit code has 18 characters; '{code}' has {code.Length}.";
        }

        var bad = code.FirstOrDefault(c => !Alphabet.Contains(c));
        if (bad != default)
        {
            return $"'{bad}' cannot appear in a unified social credit code (digits and upper-case letters without I, O, S, V, Z).";
        }

        if (code[0] == '0' || code[1] == '0')
        {
            // GB 32100: the first character names the registering authority (9 for market regulation), the second the
            // kind of organisation (1 for an enterprise); neither is ever 0, and "000000000000000000" passes the checksum.
            return "The first two characters of a unified social credit code name the registering authority and the kind of organisation; neither is 0.";
        }

        if (!code.AsSpan(2, 6).ContainsOnlyDigits())
        {
            return "Characters 3 to 8 of a unified social credit code are the registering authority's division code (6 digits).";
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : $"The check character of '{code}' should be '{expected}', not '{code[17]}'.";
    }

    /// <summary>Whether the code is a valid unified social credit code.</summary>
    public static bool IsValid(string? code) => Problem(code) is null;

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
