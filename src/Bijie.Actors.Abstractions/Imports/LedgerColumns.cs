namespace Bijie.Actors.Abstractions;

/// <summary>The Chinese column headers of the ledgers.</summary>
public static class LedgerColumns
{
    public const string CreditCode = "统一社会信用代码";
    public const string EnterpriseName = "企业名称";
    public const string Industry = "行业";
    public const string Province = "省份";
    public const string PairingId = "结对编号";
    public const string Kind = "结对类型";
    public const string HelperId = "帮扶单位编号";
    public const string EnterpriseCode = "企业信用代码";
    public const string LocalityCode = "地区代码";
    public const string PartnerId = "结对机构编号";
    public const string Domain = "领域";
    public const string Start = "开始日期";
    public const string Staff = "责任人编号";
    public const string End = "结束日期";
    public const string EndReason = "结束原因";
    public const string ReportId = "填报编号";
    public const string SubjectKind = "对象类型";
    public const string SubjectId = "对象编号";
    public const string Date = "填报日期";
    public const string Indicator = "指标代码";
    public const string IndicatorName = "指标名称";
    public const string Unit = "单位";
    public const string Value = "数值";
    public const string ReportedBy = "填报人";
    public const string Note = "备注";
    public const string HelperName = "单位名称";
    public const string HelperNameEn = "英文名称";
    public const string HelperKind = "单位类型";
    public const string ProjectId = "项目编号";
    public const string ProjectTitle = "项目名称";
    public const string Track = "领域或地域";
    public const string LeadHelper = "牵头单位编号";
    public const string CoHelpers = "参与单位编号";
    public const string PlannedYuan = "计划金额(元)";
    public const string SignedYuan = "签约金额(元)";
    public const string LandedYuan = "落地金额(元)";
    public const string Status = "状态";
    public const string ProposedOn = "提出日期";
    public const string InLibraryOn = "入库日期";
    public const string PlannedYear = "计划实施年份";
    public const string PlannedOn = "计划日期";
    public const string StartedOn = "开始实施日期";
    public const string FinishedOn = "完成日期";
    public const string CancelledOn = "取消日期";
}
