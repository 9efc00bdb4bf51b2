using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Rollups;

/// <summary>
/// A roll-up's totals in memory: exact sums per indicator, year and month, and counted members per indicator,
/// member and years. The scope grain adds each committed batch's delta here and computes its boards from it; it
/// does no I/O, so what a batch costs a roll-up can be measured without a silo.
/// </summary>
public sealed class RollupTotals
{
    private readonly Dictionary<(string Indicator, short Year, short Month), decimal> sums = [];
    private readonly Dictionary<(string Indicator, string Member, short Year, short? YearTo), int> members = [];

    /// <summary>The sums, for a snapshot.</summary>
    public IEnumerable<ScopeSnapshot.SumRow> SumRows =>
        sums.Select(s => new ScopeSnapshot.SumRow(s.Key.Indicator, s.Key.Year, s.Key.Month, s.Value));

    /// <summary>The members, for a snapshot.</summary>
    public IEnumerable<ScopeSnapshot.MemberRow> MemberRows =>
        members.Select(m => new ScopeSnapshot.MemberRow(m.Key.Indicator, m.Key.Member, m.Key.Year, m.Key.YearTo, m.Value));

    /// <summary>Takes a snapshot's rows as they were saved.</summary>
    public void Restore(ScopeSnapshot saved)
    {
        foreach (var s in saved.Sums)
        {
            sums[(s.Indicator, s.Year, s.Month)] = s.Value;
        }

        foreach (var m in saved.Members)
        {
            members[(m.Indicator, m.Member, m.Year, m.YearTo)] = m.Count;
        }
    }

    /// <summary>A scope's totals from a read of the ledger: the snapshot it found (if any), then the lines after it.</summary>
    public static RollupTotals From(Ledger.ScopeActivation read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var totals = new RollupTotals();
        if (read.Snapshot is { } state)
        {
            totals.Restore(ScopeSnapshot.Unpack(state));
        }

        totals.Add(read.Unsaved!);
        return totals;
    }

    /// <summary>Adds the ledger's lines as a read summed them.</summary>
    public void Add(Ledger.ScopeTotals lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var s in lines.Sums)
        {
            AddSum(s.Indicator, s.Year, s.Month ?? 0, s.Value);
        }

        foreach (var m in lines.Members)
        {
            AddMember(m.Indicator, m.Member, m.Year, m.YearTo, m.Count);
        }
    }

    /// <summary>Adds what one committed batch brings to this scope.</summary>
    public void Add(BatchDelta batch)
    {
        foreach (var s in batch.Sums)
        {
            AddSum(s.Indicator, s.Year, s.Month ?? 0, s.Value);
        }

        foreach (var m in batch.Members)
        {
            AddMember(m.Indicator, m.Member, m.Year, m.YearTo, m.Count);
        }
    }

    /// <summary>An indicator's monthly sums, January of <paramref name="fromYear"/> to December of <paramref name="toYear"/>: a few lookups, no board.</summary>
    public decimal[] Months(string indicator, int fromYear, int toYear)
    {
        var months = new decimal[Math.Max(0, (toYear - fromYear + 1) * 12)];
        for (var i = 0; i < months.Length; i++)
        {
            months[i] = sums.GetValueOrDefault((indicator, (short)(fromYear + (i / 12)), (short)((i % 12) + 1)));
        }

        return months;
    }

    /// <summary>Adds to a sum; month 0 holds the values of no month.</summary>
    public void AddSum(string indicator, short year, short month, decimal value)
    {
        var key = (indicator, year, month);
        sums[key] = sums.GetValueOrDefault(key) + value;
    }

    /// <summary>Adds to (or takes from) a member's count; a member counted 0 times is gone.</summary>
    public void AddMember(string indicator, string member, short year, short? yearTo, int count)
    {
        var key = (indicator, member, year, yearTo);
        var next = members.GetValueOrDefault(key) + count;
        if (next == 0)
        {
            members.Remove(key);
        }
        else
        {
            members[key] = next;
        }
    }

    /// <summary>The scope's board for a year: every indicator's figure beside the year before, months, the reviewed part and the funnel.</summary>
    public Board Board(string scope, int year)
    {
        var figures = new List<BoardFigure>();
        var months = new Dictionary<string, IReadOnlyList<decimal>>();
        var reviewed = new Dictionary<string, decimal>();
        foreach (var indicator in Indicators.All)
        {
            var (value, hasValue) = Figure(indicator, year);
            var (previous, hasPrevious) = Figure(indicator, year - 1);
            decimal? prior = hasPrevious ? previous : null;
            decimal? yoy = prior is > 0 ? decimal.Round((value - prior.Value) / prior.Value * 100m, 2, MidpointRounding.AwayFromZero) : null;
            figures.Add(new BoardFigure(indicator.Code, hasValue ? Normal(value) : 0, prior is null ? null : Normal(prior.Value), yoy));
            if (indicator.Aggregation == Aggregation.Sum)
            {
                months[indicator.Code] = Enumerable.Range(1, 12)
                    .Select(m => Normal(sums.GetValueOrDefault((indicator.Code, (short)year, (short)m)))).ToArray();
                var reviewedCode = Indicators.Reviewed(indicator.Code);
                reviewed[indicator.Code] = Normal(sums.Where(s => s.Key.Indicator == reviewedCode && s.Key.Year == year).Sum(s => s.Value));
            }
        }

        var funnel = Scopes.FunnelStages.ToDictionary(
            stage => stage.ToString(),
            stage => CountMembers(Scopes.Stage(stage), year));
        // The part each level approved (逐级审核), by level and indicator: only the levels that approved anything.
        var approved = sums.Where(s => s.Key.Year == year && s.Value != 0)
            .Select(s => (Parsed: ApprovalRules.Parse(s.Key.Indicator), s.Value))
            .Where(s => s.Parsed is not null)
            .GroupBy(s => s.Parsed!.Value.Level.Name())
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.GroupBy(s => s.Parsed!.Value.Indicator).ToDictionary(i => i.Key, i => Normal(i.Sum(s => s.Value))));
        return new Board(scope, year, figures, months, funnel, reviewed, Approved: approved.Count > 0 ? approved : null);
    }

    /// <summary>The members of a counted indicator in a year (null: members of any year), in order.</summary>
    public IReadOnlyList<string> Members(string indicator, int? year) =>
        members
            .Where(m => m.Key.Indicator == indicator && m.Value > 0 && (year is null || Covers(m.Key.Year, m.Key.YearTo, year.Value)))
            .Select(m => m.Key.Member).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>How many distinct members of a counted indicator began in or after a year.</summary>
    public int CountMembersFrom(string indicator, int fromYear) =>
        members.Where(m => m.Key.Indicator == indicator && m.Value > 0 && m.Key.Year >= fromYear).Select(m => m.Key.Member).Distinct().Count();

    /// <summary>The latest year with any value line, or null.</summary>
    public int? LatestYear() =>
        sums.Where(s => s.Value != 0).Select(s => (int?)s.Key.Year).DefaultIfEmpty(null).Max();

    private (decimal Value, bool Present) Figure(Indicator indicator, int year)
    {
        if (indicator.Aggregation == Aggregation.Sum)
        {
            var lines = sums.Where(s => s.Key.Indicator == indicator.Code && s.Key.Year == year).ToList();
            return (lines.Sum(s => s.Value), lines.Count > 0);
        }

        var count = CountMembers(indicator.Code, year);
        return (count, count > 0);
    }

    private int CountMembers(string indicator, int year) =>
        members.Where(m => m.Key.Indicator == indicator && m.Value > 0 && Covers(m.Key.Year, m.Key.YearTo, year))
            .Select(m => m.Key.Member).Distinct().Count();

    /// <summary>The same number whichever way it was summed (6 and 6.00 alike print as 6).</summary>
    private static decimal Normal(decimal value) => value / 1.000000000000000000000000000000000m;

    private static bool Covers(short from, short? to, int year) => from <= year && (to is null || year <= to);
}
