namespace Bijie.Actors.Abstractions;

/// <summary>What kind of platform.</summary>
public enum PlatformKind
{
    /// <summary>党外院士工作站 (an academician workstation of non-CPC academicians).</summary>
    AcademicianWorkstation = 0,

    /// <summary>科技小院 (a science and technology backyard).</summary>
    ScienceBackyard = 1,

    /// <summary>Another standing platform (基地, 中心).</summary>
    Other = 2,
}
