namespace Bijie.Actors.Abstractions;

/// <summary>Enum values as people and programs write them: by name, any case; never by number.</summary>
public static class EnumNames
{
    /// <summary>The value named, or null when the text names none (a number names none either).</summary>
    public static T? Parse<T>(string? name)
        where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _) ? value : null;
}
