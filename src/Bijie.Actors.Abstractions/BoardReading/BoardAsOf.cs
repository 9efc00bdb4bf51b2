namespace Bijie.Actors.Abstractions;

/// <summary>
/// The point a board is read at: the end of a day (China Standard Time), a ledger position, or the deadline of a
/// reporting period (as reported by its deadline, before corrections made since). A day that is not over yet reads
/// the ledger as it stands.
/// </summary>
public sealed record BoardAsOf(DateOnly? Day, long? Position, string? Period = null)
{
    /// <summary>The first day a board may be read as of: the programme's history starts in 1988.</summary>
    public static readonly DateOnly FirstDay = new(1988, 1, 1);

    /// <summary>
    /// The point from the query: <c>asOf=YYYY-MM-DD</c>, <c>position=N</c> or <c>asReportedBy=2026Q3</c> (one of them),
    /// or null for the live board; a malformed or early day, a negative position, a malformed period or two at once
    /// are refused (400 <c>board.as_of</c>).
    /// </summary>
    public static BoardAsOf? Parse(string? asOf, long? position, string? asReportedBy = null)
    {
        var given = (asOf is null ? 0 : 1) + (position is null ? 0 : 1) + (asReportedBy is null ? 0 : 1);
        if (given == 0)
        {
            return null;
        }

        if (given > 1)
        {
            throw DomainException.Invalid("board.as_of", "Ask for one of a day (asOf), a ledger position (position) or a period's deadline (asReportedBy).", "asOf");
        }

        if (asReportedBy is not null)
        {
            return ReportingPeriods.Parse(asReportedBy) is not null
                ? new BoardAsOf(null, null, asReportedBy)
                : throw DomainException.Invalid("board.as_of", $"'{asReportedBy}' is not a reporting period (e.g. 2026Q3).", "asReportedBy");
        }

        if (position is { } p)
        {
            return p >= 0 ? new BoardAsOf(null, p) : throw DomainException.Invalid("board.as_of", "A ledger position is 0 or more.", "position");
        }

        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            throw DomainException.Invalid("board.as_of", $"'{asOf}' is not a day: write it as YYYY-MM-DD, e.g. 2026-06-30.", "asOf");
        }

        return day >= FirstDay ? new BoardAsOf(day, null) : throw DomainException.Invalid("board.as_of", "Boards are read as of 1988-01-01 or later.", "asOf");
    }
}
