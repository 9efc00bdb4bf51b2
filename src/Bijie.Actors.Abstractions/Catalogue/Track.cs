namespace Bijie.Actors.Abstractions;

/// <summary>The regional track (地域帮扶) and the five domains (领域) of group-style assistance.</summary>
public enum Track
{
    /// <summary>地域 — a committee's long-standing assistance to its county.</summary>
    Regional = 0,

    /// <summary>科技.</summary>
    Technology = 1,

    /// <summary>产业.</summary>
    Industry = 2,

    /// <summary>教育.</summary>
    Education = 3,

    /// <summary>健康.</summary>
    Health = 4,

    /// <summary>人才.</summary>
    Talent = 5,
}
