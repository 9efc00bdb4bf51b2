namespace Bijie.Actors.Abstractions;

/// <summary>Names of tracks as the API and the boards write them.</summary>
public static class Tracks
{
    /// <summary>The lower-case English name (regional, technology, …).</summary>
    public static string Code(this Track track) => track.ToString().ToLowerInvariant();

    /// <summary>The Chinese name (地域, 科技, …).</summary>
    public static string NameZh(this Track track) => track switch
    {
        Track.Regional => "地域",
        Track.Technology => "科技",
        Track.Industry => "产业",
        Track.Education => "教育",
        Track.Health => "健康",
        _ => "人才",
    };

    /// <summary>Parses a track's code; null when it names none.</summary>
    public static Track? Parse(string? code) =>
        EnumNames.Parse<Track>(code);
}
