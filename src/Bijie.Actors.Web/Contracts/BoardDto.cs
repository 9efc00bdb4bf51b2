namespace Bijie.Actors.Web.Contracts;

/// <summary>An indicator's figure as the API and the hub write it.</summary>
/// <remarks><c>reviewedValue</c>: the part of a summed figure whose reports the office approved (审核); <c>reviewedPercent</c> its share.
/// <c>approvedPercent</c>: the share each level approved in the level-by-level approval (逐级审核), by level ("township",
/// "county", "city"); absent until a level approved some.</remarks>
public sealed record BoardFigureDto(decimal Value, decimal? PreviousValue, decimal? YoyPercent, string NameZh, string NameEn, string Unit,
    decimal? ReviewedValue = null, decimal? ReviewedPercent = null, IReadOnlyDictionary<string, decimal>? ApprovedPercent = null);

/// <summary>The answer of the boards endpoints: <c>{ code, year, indicators: { code: { value, previousValue, yoyPercent } } }</c>.</summary>
/// <remarks><c>scope</c> is the group a browser joins on the live hub (/hubs/boards) to hear when these figures change;
/// <c>funnel</c> counts the live projects that had reached each stage of the library by the end of the year;
/// <c>position</c> and <c>asOf</c> say where a board read as of a day, a ledger position or a period's deadline
/// (<c>asReportedBy</c>) stood (all null on a live board).</remarks>
public sealed record BoardDto(
    string Code,
    string Name,
    int Year,
    IReadOnlyDictionary<string, BoardFigureDto> Indicators,
    IReadOnlyDictionary<string, IReadOnlyList<decimal>> Months,
    string Scope,
    IReadOnlyDictionary<string, int> Funnel,
    long? Position = null,
    DateOnly? AsOf = null,
    string? AsReportedBy = null)
{
    public static BoardDto From(string code, string name, Board board) => new(
        code, name, board.Year,
        board.Figures.ToDictionary(
            f => f.Indicator,
            f =>
            {
                var indicator = Abstractions.Indicators.Find(f.Indicator)!;
                decimal? reviewed = board.Reviewed?.TryGetValue(f.Indicator, out var r) == true ? r : null;
                decimal Share(decimal part) => decimal.Round(part / f.Value * 100m, 1, MidpointRounding.AwayFromZero);
                decimal? share = reviewed is { } part && f.Value > 0 ? Share(part) : null;
                var approved = board.Approved?.Where(a => a.Value.ContainsKey(f.Indicator) && f.Value > 0)
                    .ToDictionary(a => a.Key, a => Share(a.Value[f.Indicator]));
                return new BoardFigureDto(f.Value, f.PreviousValue, f.YoyPercent, indicator.NameZh, indicator.NameEn, indicator.Unit, reviewed, share,
                    approved is { Count: > 0 } ? approved : null);
            }),
        board.Months,
        board.Scope,
        board.Funnel ?? new Dictionary<string, int>(),
        board.Position,
        board.AsOf,
        board.AsReportedBy);
}
