namespace Bijie.Actors.Abstractions;

/// <summary>Whether the demo programme was loaded into this store.</summary>
public enum DemoStatus
{
    /// <summary>Never loaded (a production store, or not yet).</summary>
    None = 0,

    /// <summary>Loading began; a restart resumes it (every step is idempotent).</summary>
    Loading = 1,

    /// <summary>Loaded.</summary>
    Loaded = 2,

    /// <summary>The store held data of its own when the host first started: no demo is loaded into it.</summary>
    Skipped = 3,
}
