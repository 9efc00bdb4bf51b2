namespace Bijie.Actors.Abstractions;

/// <summary>How an indicator's figure for a scope and year is computed.</summary>
public enum Aggregation
{
    /// <summary>The sum of reported values (reports, reversals).</summary>
    Sum = 0,

    /// <summary>The number of distinct members (enterprises, villages, projects …) the pairings and projects in scope contribute.</summary>
    DistinctCount = 1,
}
