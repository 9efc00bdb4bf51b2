namespace Bijie.Actors.Abstractions;

/// <summary>What a rule does to a report that breaks it: accepts it with a warning, or refuses it.</summary>
public enum RuleSeverity
{
    Warn,
    Block,
}

/// <summary>
/// Range: each report's value of <see cref="ValidationRule.Indicator"/> lies in [Min, Max]. NotAbove: the subject's total
/// of <see cref="ValidationRule.Indicator"/> for the report's year, the report included, is not above its total of
/// <see cref="ValidationRule.Other"/> (money landed never above money signed). Age: a report is dated at most
/// <see cref="ValidationRule.Max"/> days before the day it is written (no indicator: it is a rule of the date).
/// </summary>
public enum RuleKind
{
    Range,
    NotAbove,
    Age,
}

/// <summary>One rule of the catalogue the programme office edits; checked when a report is written.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ValidationRule")]
public sealed record ValidationRule(
    [property: Id(0)] string Id,
    [property: Id(1)] RuleKind Kind,
    [property: Id(2)] string? Indicator,
    [property: Id(3)] string? Other,
    [property: Id(4)] decimal? Min,
    [property: Id(5)] decimal? Max,
    [property: Id(6)] RuleSeverity Severity,
    [property: Id(7)] string NameZh,
    [property: Id(8)] string? NameEn = null);

/// <summary>A rule a report breaks, with the values that break it, in words.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RuleFinding")]
public sealed record RuleFinding(
    [property: Id(0)] string RuleId,
    [property: Id(1)] RuleSeverity Severity,
    [property: Id(2)] string Indicator,
    [property: Id(3)] decimal Value,
    [property: Id(4)] decimal Limit,
    [property: Id(5)] string MessageZh,
    [property: Id(6)] string MessageEn);

/// <summary>The validation rules (one grain, key 0): read by every report's intake, replaced whole by the office.</summary>
[Alias("Bijie.Actors.IValidationRulesGrain")]
public interface IValidationRulesGrain : IGrainWithIntegerKey, IChangeTracked
{
    /// <summary>The catalogue; read by every report, so reads interleave with each other.</summary>
    [Alias("List")]
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ValidationRule>> ListAsync();

    /// <summary>Replaces the catalogue (the office); a bad rule refuses the whole list and changes nothing.</summary>
    [Alias("Replace")]
    Task<IReadOnlyList<ValidationRule>> ReplaceAsync(IReadOnlyList<ValidationRule> rules, ActorRef actor);
}

/// <summary>The rules' checks, in one place for the intake and the catalogue.</summary>
public static class ValidationRules
{
    public const int MaxRules = 100;

    /// <summary>The catalogue a programme starts with: money landed never above money signed, a warning.</summary>
    public static IReadOnlyList<ValidationRule> Defaults { get; } =
    [
        new("landed-not-above-signed", RuleKind.NotAbove, Indicators.InvestmentLandedYuan, Indicators.InvestmentSignedYuan, null, null, RuleSeverity.Warn,
            "落地金额不高于签约金额", "Money landed not above money signed"),
    ];

    /// <summary>Refuses a catalogue with a rule that cannot be checked (400 <c>rules.invalid</c> naming it).</summary>
    public static void Validate(IReadOnlyList<ValidationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count > MaxRules)
        {
            throw DomainException.Invalid("rules.invalid", $"At most {MaxRules} rules.", "rules");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            // In both languages: the office's page shows the server's words.
            (string Zh, string En)? why = rule switch
            {
                null => ("缺少一条规则", "a rule is missing"),
                { Id: var id } when string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') =>
                    ($"“{rule.Id}”：规则编号为 1 至 64 个 a-z、0-9 或 -", $"'{rule.Id}': a rule's id is 1 to 64 of a-z, 0-9 and -"),
                _ when !ids.Add(rule.Id) => ($"“{rule.Id}”重复", $"'{rule.Id}' is named twice"),
                { Kind: RuleKind.Age } when !string.IsNullOrEmpty(rule.Indicator) || rule.Other is not null || rule.Min is not null =>
                    ($"“{rule.Id}”：日期规则只设最多天数", $"'{rule.Id}': a date rule takes only max (days), no indicator"),
                { Kind: RuleKind.Age, Max: not (>= 0 and <= 3660) } =>
                    ($"“{rule.Id}”：最多天数为 0 至 3660 的整数", $"'{rule.Id}': max is a whole number of days from 0 to 3660"),
                { Kind: RuleKind.Age, Max: { } days } when days != decimal.Truncate(days) =>
                    ($"“{rule.Id}”：最多天数为 0 至 3660 的整数", $"'{rule.Id}': max is a whole number of days from 0 to 3660"),
                { Kind: not RuleKind.Age } when Indicators.Find(rule.Indicator ?? "") is null => ($"“{rule.Id}”：没有指标“{rule.Indicator}”", $"'{rule.Id}': no indicator '{rule.Indicator}'"),
                _ when string.IsNullOrWhiteSpace(rule.NameZh) || rule.NameZh.Length > 100 || rule.NameEn?.Length > 100 =>
                    ($"“{rule.Id}”：规则须有不超过 100 字的中文名称", $"'{rule.Id}': a rule has a Chinese name of at most 100 characters"),
                _ when !Enum.IsDefined(rule.Severity) || !Enum.IsDefined(rule.Kind) => ($"“{rule.Id}”：规则类型或处理方式未知", $"'{rule.Id}': unknown kind or severity"),
                { Kind: RuleKind.Range, Min: null, Max: null } => ($"“{rule.NameZh}”：数值范围须有下限或上限", $"'{rule.Id}': a range has a min, a max or both"),
                { Kind: RuleKind.Range, Min: { } min, Max: { } max } when min > max => ($"“{rule.NameZh}”：下限 {min} 高于上限 {max}", $"'{rule.Id}': min {min} is above max {max}"),
                { Kind: RuleKind.Range, Other: not null } => ($"“{rule.NameZh}”：数值范围不与其他指标比较", $"'{rule.Id}': a range compares with no other indicator"),
                { Kind: RuleKind.NotAbove } when Indicators.Find(rule.Other ?? "") is null || rule.Other == rule.Indicator =>
                    ($"“{rule.NameZh}”：须指定另一个指标", $"'{rule.Id}': not-above names another indicator (other)"),
                { Kind: RuleKind.NotAbove } when rule.Min is not null || rule.Max is not null => ($"“{rule.NameZh}”：年度合计规则不设上下限", $"'{rule.Id}': not-above takes no min or max"),
                _ => null,
            };
            if (why is { } reason)
            {
                throw DomainException.Invalid("rules.invalid", $"{reason.Zh}，规则未保存（{reason.En}; the rules were not saved).", "rules");
            }
        }
    }

    /// <summary>
    /// What a report's values and date break. <paramref name="totals"/> gives the subject's total of an indicator for the
    /// report's year before this report (asked only for the indicators a not-above rule needs); <paramref name="today"/>
    /// is the day it is written (China Standard Time).
    /// </summary>
    public static async Task<IReadOnlyList<RuleFinding>> EvaluateAsync(
        IReadOnlyList<ValidationRule> rules, IReadOnlyDictionary<string, decimal> values, DateOnly date, DateOnly today, Func<Task<Func<string, decimal>>> totals)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(totals);
        var findings = new List<RuleFinding>();
        Func<string, decimal>? before = null;
        foreach (var rule in rules)
        {
            if (rule is { Kind: RuleKind.Age, Max: { } days })
            {
                var age = today.DayNumber - date.DayNumber;
                if (age > days)
                {
                    findings.Add(Finding(rule, age, days, $"{rule.NameZh}：填报日期 {date:yyyy-MM-dd} 距今 {age} 天，超过 {days} 天",
                        $"{rule.NameEn ?? rule.NameZh}: the report is dated {date:yyyy-MM-dd}, {age} days ago, more than {days}"));
                }
            }
            else if (rule is { Kind: RuleKind.Range, Indicator: { } indicator } && values.TryGetValue(indicator, out var value))
            {
                if (rule.Min is { } min && value < min)
                {
                    findings.Add(Finding(rule, value, min, $"{rule.NameZh}：{Name(indicator, false)} {N(value)} 低于下限 {N(min)}", $"{rule.NameEn ?? rule.NameZh}: {Name(indicator, true)} {N(value)} is below {N(min)}"));
                }
                else if (rule.Max is { } max && value > max)
                {
                    findings.Add(Finding(rule, value, max, $"{rule.NameZh}：{Name(indicator, false)} {N(value)} 高于上限 {N(max)}", $"{rule.NameEn ?? rule.NameZh}: {Name(indicator, true)} {N(value)} is above {N(max)}"));
                }
            }
            else if (rule is { Kind: RuleKind.NotAbove, Indicator: { } mine, Other: { } other } && (values.ContainsKey(mine) || values.ContainsKey(other)))
            {
                before ??= await totals();
                var total = before(mine) + values.GetValueOrDefault(mine);
                var limit = before(other) + values.GetValueOrDefault(other);
                if (total > limit)
                {
                    findings.Add(Finding(rule, total, limit,
                        $"{rule.NameZh}：本年{Name(mine, false)}合计 {N(total)} 将高于{Name(other, false)}合计 {N(limit)}",
                        $"{rule.NameEn ?? rule.NameZh}: this year's {Name(mine, true)} would total {N(total)}, above {Name(other, true)} at {N(limit)}"));
                }
            }
        }

        return findings;
    }

    private static string N(decimal value) => value.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Name(string indicator, bool english) => Indicators.Find(indicator) is { } i ? (english ? i.NameEn : i.NameZh) : indicator;

    private static RuleFinding Finding(ValidationRule rule, decimal value, decimal limit, string zh, string en) =>
        new(rule.Id, rule.Severity, rule.Indicator ?? "", value, limit, zh, en);
}
