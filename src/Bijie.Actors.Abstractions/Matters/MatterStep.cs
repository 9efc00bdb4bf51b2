namespace Bijie.Actors.Abstractions;

/// <summary>The steps of a support matter's long-term handling mechanism (长效办理机制), in order.</summary>
public enum MatterStep
{
    /// <summary>交办: the office hands the matter to the helper, with a responsible person and a due date.</summary>
    Assigned = 1,

    /// <summary>承办: the helper takes it on.</summary>
    Undertaken = 2,

    /// <summary>办结: done.</summary>
    Concluded = 3,

    /// <summary>反馈: Bijie's side reports back how it turned out.</summary>
    FedBack = 4,
}
