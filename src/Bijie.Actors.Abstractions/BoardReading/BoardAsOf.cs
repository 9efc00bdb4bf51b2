namespace Bijie.Actors.Abstractions;

/// <summary>
/// The point a board is read at: the end of a day (China Standard Time) or a ledger position. A day that is not over
/// yet reads the ledger as it stands.
/// </summary>
public sealed record BoardAsOf(DateOnly? Day, long? Position)
{
    /// <summary>The first day a board may be read as of: the programme's history starts in 1988.</summary>
    public static readonly DateOnly FirstDay = new(1988, 1, 1);

    /// <summary>
    /// The point from the query: <c>asOf=YYYY-MM-DD</c> or <c>position=N</c> (not both), or null for the live board;
    /// a malformed or early day, a negative position or both at once are refused (400 <c>board.as_of</c>).
    /// </summary>
    public static BoardAsOf? Parse(string? asOf, long? position)
    {
        if (asOf is null && position is null)
        {
            return null;
        }

        if (asOf is not null && position is not null)
        {
            throw DomainException.Invalid("board.as_of", "Ask for a day (asOf) or a ledger position (position), not both.", "asOf");
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
