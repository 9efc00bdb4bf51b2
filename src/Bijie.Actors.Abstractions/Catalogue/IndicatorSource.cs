namespace Bijie.Actors.Abstractions;

/// <summary>What records an indicator's values.</summary>
public enum IndicatorSource
{
    /// <summary>Progress reports (进展填报) on pairings and projects.</summary>
    Report = 0,

    /// <summary>Research visits (调研指导), recorded as visits.</summary>
    Visit = 1,

    /// <summary>Service batches of expert teams (专家服务团, 专家指导组).</summary>
    ExpertService = 2,
}
