using System.Collections.Frozen;

namespace Bijie.Actors.Abstractions;

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
