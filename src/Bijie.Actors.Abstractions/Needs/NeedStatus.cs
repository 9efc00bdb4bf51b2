namespace Bijie.Actors.Abstractions;

/// <summary>Where a need stands.</summary>
public enum NeedStatus
{
    /// <summary>Posted, waiting for a helper.</summary>
    Open = 0,

    /// <summary>The office confirmed a helper; the need became a project in the library (入库).</summary>
    Matched = 1,

    /// <summary>Met.</summary>
    Fulfilled = 2,

    /// <summary>Taken back by whoever posted it.</summary>
    Withdrawn = 3,
}
