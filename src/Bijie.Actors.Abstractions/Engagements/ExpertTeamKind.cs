namespace Bijie.Actors.Abstractions;

/// <summary>What kind of expert team.</summary>
public enum ExpertTeamKind
{
    /// <summary>专家服务团.</summary>
    ServiceTeam = 0,

    /// <summary>专家指导组.</summary>
    GuidanceGroup = 1,
}
