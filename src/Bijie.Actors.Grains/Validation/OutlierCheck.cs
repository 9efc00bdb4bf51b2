using System.Globalization;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Validation;

/// <summary>
/// Flags a report whose figure is far above what its subject reported before, or above its county's other subjects:
/// the modified z-score (<see cref="Outliers"/>) of this quarter's total (the report included) against the subject's
/// own quarterly totals of the last <see cref="ValidationOptions.OwnQuarters"/> quarters, and of this year's total
/// against the other subjects' of the county. Only figures that are summed (money, people, person-times) are tested,
/// and only the high side: a quarter under way is always low. Everything comes from the subject's roll-up (its monthly
/// figures, a few lookups) and the county's peer figures as this silo last read them; no report queries the ledger or builds a board.
/// </summary>
internal sealed class OutlierCheck(ValidationOptions options, PeerSpreads peers)
{
    public async Task<IReadOnlyList<RuleFinding>> FindAsync(
        string subjectId, (string Zh, string En) kind, ReportContext context, DateOnly date, IReadOnlyDictionary<string, decimal> values, IScopeGrain rollup)
    {
        var found = new List<RuleFinding>();
        var threshold = (decimal)options.OutlierThreshold;
        var county = Scopes.IdsOf(context.Scopes, ScopeKind.Locality).FirstOrDefault(c => LocalityCodes.LevelOf(c) == LocalityLevel.County);
        var quarter = (date.Year * 4) + ((date.Month - 1) / 3);
        var firstQuarter = Math.Max(quarter - options.OwnQuarters, (context.Since.Year * 4) + ((context.Since.Month - 1) / 3));
        var ownHistory = quarter - firstQuarter >= options.MinimumHistory;
        var fromYear = ownHistory ? firstQuarter / 4 : date.Year;
        foreach (var (code, value) in values)
        {
            if (value <= 0 || Indicators.Find(code) is not { Aggregation: Aggregation.Sum } indicator)
            {
                continue;
            }

            // The subject's months from the first quarter compared to now: one call, a few lookups in its roll-up.
            var months = await rollup.GetMonthsAsync(code, fromYear, date.Year);
            decimal QuarterTotal(int q) => months.Skip(((q - (fromYear * 4)) * 3)).Take(3).Sum();

            // Its own past: the quarters since it began, at most OwnQuarters of them.
            if (ownHistory)
            {
                var past = Enumerable.Range(firstQuarter, quarter - firstQuarter).Select(QuarterTotal).ToArray();
                var current = QuarterTotal(quarter) + value;
                if (Outliers.SpreadOf(past, options.MinimumHistory) is { } own && own.Score(current) > threshold)
                {
                    var times = Outliers.Times(current, own.Median);
                    found.Add(new RuleFinding("outlier-own", RuleSeverity.Warn, code, current, own.Median,
                        $"异常值：本季度{indicator.NameZh}合计 {Number(current)}，是该{kind.Zh}前 {past.Length} 个季度中位数 {Number(own.Median)} 的 {times} 倍",
                        $"Outlier: this quarter's {indicator.NameEn} would total {Number(current)}, {times}× this {kind.En}'s median of its last {past.Length} quarters ({Number(own.Median)})"));
                }
            }

            // Its county's other subjects, this year (the county's figures as last read; none yet, no flag).
            if (county is not null)
            {
                var spread = await peers.SpreadAsync(Outliers.PeerKey(Scopes.Locality(county), code, date.Year), subjectId, options.MinimumHistory);
                var year = months.Skip((date.Year - fromYear) * 12).Sum() + value;
                if (spread is not null && spread.Score(year) > threshold)
                {
                    var times = Outliers.Times(year, spread.Median);
                    found.Add(new RuleFinding("outlier-peers", RuleSeverity.Warn, code, year, spread.Median,
                        $"异常值：本年{indicator.NameZh}合计 {Number(year)}，是本县其他 {spread.Count} 个填报对象中位数 {Number(spread.Median)} 的 {times} 倍",
                        $"Outlier: this year's {indicator.NameEn} would total {Number(year)}, {times}× the median of {spread.Count} other reporters in its county ({Number(spread.Median)})"));
                }
            }
        }

        return found;
    }

    private static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
