using System.Text.RegularExpressions;

namespace Bijie.Actors.Abstractions;

/// <summary>Ids of helper organisations: lower-case slugs (nongong-central, wchscu).</summary>
public static partial class HelperIds
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}
