namespace Bijie.Actors.Abstractions;

/// <summary>An API key's id: the public part of its token, 16 lower-case hex digits, under which a ledger entry names who made it.</summary>
public static class ApiKeyIds
{
    public const int Length = 16;

    public static bool IsKeyId(string text) => text.Length == Length && text.All(char.IsAsciiHexDigitLower);
}
