namespace Bijie.Actors.Abstractions;

/// <summary>
/// The office's ledgers (台账) out, an application service of the silo side the web calls in process: each ledger as
/// rows under the column headers its import reads (<see cref="LedgerColumns"/>); the web writes them as CSV or XLSX.
/// </summary>
public interface ILedgerExports
{
    /// <summary>Enterprises paired at a locality and below (Bijie when none).</summary>
    Task<LedgerSheet> EnterprisesAsync(string? locality);

    /// <summary>Every helper organisation and local institution.</summary>
    Task<LedgerSheet> HelpersAsync();

    /// <summary>Projects at a locality and below with their money, status and dates.</summary>
    Task<LedgerSheet> ProjectsAsync(string? locality);

    /// <summary>Pairings at a locality and below, of a year when one is named.</summary>
    Task<LedgerSheet> PairingsAsync(string? locality, int? year);

    /// <summary>The reports that stand at a locality and below in a year, or one of its quarters (2026Q3), one row per indicator.</summary>
    Task<LedgerSheet> ReportsAsync(string? locality, int year, string? period);

    /// <summary>A locality's board for a year as a table, beside the year before: live, or as of a day or a ledger position.</summary>
    Task<LedgerSheet> BoardAsync(string code, int year, BoardAsOf? asOf = null);
}
