using System.Collections.Frozen;

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

/// <summary>Names of tracks as the API and the boards write them.</summary>
public static class Tracks
{
    /// <summary>The lower-case English name (regional, technology, …).</summary>
    public static string Code(this Track track) => track.ToString().ToLowerInvariant();

    /// <summary>The Chinese name (地域, 科技, …).</summary>
    public static string NameZh(this Track track) => track switch
    {
        Track.Regional => "地域",
        Track.Technology => "科技",
        Track.Industry => "产业",
        Track.Education => "教育",
        Track.Health => "健康",
        _ => "人才",
    };

    /// <summary>Parses a track's code; null when it names none.</summary>
    public static Track? Parse(string? code) =>
        EnumNames.Parse<Track>(code);
}

/// <summary>How an indicator's figure for a scope and year is computed.</summary>
public enum Aggregation
{
    /// <summary>The sum of reported values (reports, reversals).</summary>
    Sum = 0,

    /// <summary>The number of distinct members (enterprises, villages, projects …) the pairings and projects in scope contribute.</summary>
    DistinctCount = 1,
}

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

/// <summary>An indicator of the catalogue.</summary>
/// <param name="Code">Stable code, e.g. <c>clinic_person_times</c>.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Unit">Unit, in Chinese (人次, 批次, 元, 个, 家).</param>
/// <param name="Aggregation">How the figure is computed.</param>
/// <param name="Integral">Whether values are whole numbers.</param>
/// <param name="MaxPerReport">The largest value one report may carry: above it a value is absurd.</param>
/// <param name="Source">What records its values (summed indicators only).</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Indicator")]
public sealed record Indicator(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Unit,
    [property: Id(4)] Aggregation Aggregation,
    [property: Id(5)] bool Integral,
    [property: Id(6)] decimal MaxPerReport,
    [property: Id(7)] IndicatorSource Source = IndicatorSource.Report)
{
    /// <summary>
    /// Reports carry values only for summed indicators recorded by reports; counted ones follow from pairings and
    /// projects, visits and expert service from their own records.
    /// </summary>
    public bool Reportable => Aggregation == Aggregation.Sum && Source == IndicatorSource.Report;
}

/// <summary>The indicator catalogue. Any reportable indicator may be reported on any active pairing or project.</summary>
public static class Indicators
{
    public const string ResearchVisitBatches = "research_visit_batches";
    public const string ResearchVisitPersonTimes = "research_visit_person_times";
    public const string RegionalProjectsNew = "regional_projects_new";
    public const string ProjectsTotal = "projects_total";
    public const string TownshipPairingUnits = "township_pairing_units";
    public const string TownshipPairingTownships = "township_pairing_townships";
    public const string EnterprisePairingEnterprises = "enterprise_pairing_enterprises";
    public const string EnterprisePairingVillages = "enterprise_pairing_villages";
    public const string ExpertServiceBatches = "expert_service_batches";
    public const string ExpertServicePersonTimes = "expert_service_person_times";
    public const string InvestmentVisits = "investment_visits";
    public const string InvestmentSignedYuan = "investment_signed_yuan";
    public const string InvestmentLandedYuan = "investment_landed_yuan";
    public const string EducationTrainingPersonTimes = "education_training_person_times";
    public const string ClinicPersonTimes = "clinic_person_times";
    public const string TalentTrainingPersonTimes = "talent_training_person_times";
    public const string LibraryProjects = "library_projects";
    public const string PlannedProjectsNextYear = "planned_projects_next_year";
    public const string PeopleTrained = "people_trained";

    private const decimal Batches = 1_000m;
    private const decimal PersonTimes = 1_000_000m;
    private const decimal Yuan = 100_000_000_000m; // 1,000 亿元 in one report is absurd

    /// <summary>Every indicator, in board order.</summary>
    public static IReadOnlyList<Indicator> All { get; } =
    [
        new(ResearchVisitBatches, "调研指导批次", "Research visit batches", "批次", Aggregation.Sum, true, Batches, IndicatorSource.Visit),
        new(ResearchVisitPersonTimes, "调研指导人次", "Research visit person-times", "人次", Aggregation.Sum, true, PersonTimes, IndicatorSource.Visit),
        new(RegionalProjectsNew, "地域帮扶新增项目", "New regional projects", "个", Aggregation.DistinctCount, true, 0),
        new(ProjectsTotal, "实施帮扶项目", "Assistance projects under way", "个", Aggregation.DistinctCount, true, 0),
        new(TownshipPairingUnits, "结对帮扶单位", "Units paired with townships", "家", Aggregation.DistinctCount, true, 0),
        new(TownshipPairingTownships, "结对乡镇（街道）", "Townships paired with units", "个", Aggregation.DistinctCount, true, 0),
        new(EnterprisePairingEnterprises, "结对共建民营企业", "Enterprises paired with villages", "家", Aggregation.DistinctCount, true, 0),
        new(EnterprisePairingVillages, "结对共建村", "Villages paired with enterprises", "个", Aggregation.DistinctCount, true, 0),
        new(ExpertServiceBatches, "专家服务团批次", "Expert service batches", "批次", Aggregation.Sum, true, Batches, IndicatorSource.ExpertService),
        new(ExpertServicePersonTimes, "专家服务人次", "Expert service person-times", "人次", Aggregation.Sum, true, PersonTimes, IndicatorSource.ExpertService),
        new(InvestmentVisits, "邀商考察", "Investment visits", "次", Aggregation.Sum, true, Batches),
        new(InvestmentSignedYuan, "签约金额", "Investment signed", "元", Aggregation.Sum, false, Yuan),
        new(InvestmentLandedYuan, "落地金额", "Investment landed", "元", Aggregation.Sum, false, Yuan),
        new(EducationTrainingPersonTimes, "师生培训", "Teacher and student training", "人次", Aggregation.Sum, true, PersonTimes),
        new(ClinicPersonTimes, "义诊", "Free clinics", "人次", Aggregation.Sum, true, PersonTimes),
        new(TalentTrainingPersonTimes, "订单式培训", "Order-based vocational training", "人次", Aggregation.Sum, true, PersonTimes),
        new(LibraryProjects, "入库项目", "Projects in the library", "个", Aggregation.DistinctCount, true, 0),
        new(PlannedProjectsNextYear, "次年计划实施项目", "Projects planned for next year", "个", Aggregation.DistinctCount, true, 0),
        new(PeopleTrained, "培训各类人员", "People trained", "人次", Aggregation.Sum, true, PersonTimes),
    ];

    private static readonly FrozenDictionary<string, Indicator> ByCode = All.ToFrozenDictionary(i => i.Code);

    /// <summary>The ledger's name for the reviewed part of a summed indicator (the office approved those reports).</summary>
    public static string Reviewed(string code) => $"reviewed:{code}";

    /// <summary>The indicator with that code, or null.</summary>
    public static Indicator? Find(string code) => ByCode.GetValueOrDefault(code);
}
