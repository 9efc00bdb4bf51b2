namespace Bijie.Actors.Abstractions;

/// <summary>
/// The boards as the pages and programs read them, composed on the silo side once for the API and the live pushes:
/// a scope's board for a year (the latest year with figures when none is asked), the since-1988 figures, a
/// locality's ranking of its paired enterprises and its latest reports. Called in process by the web host.
/// </summary>
public interface IBoardReader
{
    /// <summary>
    /// A scope's board for <paramref name="year"/>, or for its latest year with figures (this year when it has none);
    /// a year before 1988 or after next year is refused (400 <c>board.year</c>).
    /// </summary>
    Task<Board> ReadAsync(string scope, int? year);

    /// <summary>
    /// The board of a project, a pairing, a helper, an enterprise (by credit code) or a track (by its code) for a year, as
    /// <see cref="ReadAsync(string, int?)"/> reads it, with its name; an unknown one is NotFound.
    /// </summary>
    Task<NamedBoard> ReadAsync(BoardSubject subject, string id, int? year);

    /// <summary>
    /// A scope's board as the ledger stood at <paramref name="asOf"/> (the end of a day, or a position no higher than
    /// the head: 400 <c>board.as_of</c> otherwise), from the roll-up's kept snapshots and the lines after them.
    /// </summary>
    Task<Board> ReadAsync(string scope, int? year, BoardAsOf asOf);

    /// <summary>The board of a subject as <see cref="ReadAsync(string, int?, BoardAsOf)"/> reads it, with its name.</summary>
    Task<NamedBoard> ReadAsync(BoardSubject subject, string id, int? year, BoardAsOf? asOf);

    /// <summary>Each dated history total of the programme since 1988, plus what the ledger holds after its year.</summary>
    Task<IReadOnlyList<SinceFigure>> Since1988Async();

    /// <summary>
    /// The enterprises paired in a locality in a year, ranked by investment signed, then landed, then villages paired;
    /// the first <paramref name="count"/> (1 to 50) of them.
    /// </summary>
    Task<IReadOnlyList<TopEnterprise>> TopEnterprisesAsync(string localityCode, int? year, int count);

    /// <summary>The latest <paramref name="count"/> (1 to 50) reports of a year in a locality, newest first, as the ticker shows them.</summary>
    Task<IReadOnlyList<TickerItem>> LatestReportsAsync(string localityCode, int? year, int count);
}
