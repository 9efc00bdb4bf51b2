namespace Bijie.Actors.Abstractions;

/// <summary>What the office decides of a report.</summary>
public enum ReviewDecision
{
    /// <summary>通过: counted as reviewed.</summary>
    Approve = 0,

    /// <summary>退回: reversed, with the reason sent to the reporter.</summary>
    Return = 1,
}
