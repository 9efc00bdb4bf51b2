namespace Bijie.Actors.Abstractions;

/// <summary>How urgent a need is.</summary>
public enum NeedUrgency
{
    Low = 0,
    Normal = 1,
    High = 2,
}
