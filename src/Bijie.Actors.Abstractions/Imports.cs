namespace Bijie.Actors.Abstractions;

/// <summary>
/// Imports of the office's ledgers (台账): one row of a file is its cells by column header, as text (the web reads the
/// file; numbers and dates arrive written invariantly, <c>1234.5</c>, <c>2024-06-12</c>).
/// </summary>
public sealed record ImportRow(IReadOnlyDictionary<string, string> Cells);

/// <summary>What an import found and did.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ImportResult")]
public sealed record ImportResult(
    [property: Id(0)] string Kind, [property: Id(1)] bool DryRun, [property: Id(2)] int Rows, [property: Id(3)] int ValidRows, [property: Id(4)] int Applied,
    [property: Id(5)] IReadOnlyList<ImportError> Errors,
    [property: Id(6)] int Creates = 0, [property: Id(7)] int Updates = 0, [property: Id(8)] IReadOnlyList<ImportChange>? Changes = null);

/// <summary>What a dry run found a good row would do: <c>create</c> a record, or <c>update</c> one that exists (the first 1000 rows).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ImportChange")]
public sealed record ImportChange([property: Id(0)] int Row, [property: Id(1)] string Action);

/// <summary>A bad row of an import: the row as a spreadsheet numbers it, the column, and why.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ImportError")]
public sealed record ImportError([property: Id(0)] int Row, [property: Id(1)] string? Field, [property: Id(2)] string Message);

/// <summary>
/// The office's imports, an application service of the silo side that the web calls in process (an import of tens of
/// thousands of rows runs longer than one grain call may): every row is checked by the grains' rules first; a dry
/// run (or any bad row) changes nothing and says what each row would do or why it is bad; otherwise every row is
/// applied, each idempotently (a report's key is the file's hash and its row), so an import cut short is completed by
/// sending the same file again.
/// </summary>
public interface ILedgerImports
{
    /// <summary>Imports the rows of a file of a kind (<see cref="ImportKinds"/>) whose content hashes to <paramref name="fileHash"/>.</summary>
    Task<ImportResult> ImportAsync(string kind, IReadOnlyList<ImportRow> rows, bool dryRun, string fileHash, ActorRef actor, CancellationToken cancellationToken = default);
}

/// <summary>The kinds that can be imported and the columns of each, in order: a template's header.</summary>
public static class ImportKinds
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["enterprises"] = [LedgerColumns.CreditCode, LedgerColumns.EnterpriseName, LedgerColumns.Industry, LedgerColumns.Province],
        ["helpers"] = [LedgerColumns.HelperId, LedgerColumns.HelperName, LedgerColumns.HelperNameEn, LedgerColumns.HelperKind, LedgerColumns.LocalityCode],
        ["pairings"] = [ LedgerColumns.Kind, LedgerColumns.HelperId, LedgerColumns.EnterpriseCode, LedgerColumns.LocalityCode, LedgerColumns.PartnerId, LedgerColumns.Domain, LedgerColumns.Start, LedgerColumns.Staff, LedgerColumns.End, LedgerColumns.EndReason, ],
        ["projects"] = [ LedgerColumns.ProjectId, LedgerColumns.ProjectTitle, LedgerColumns.Track, LedgerColumns.LocalityCode, LedgerColumns.LeadHelper, LedgerColumns.CoHelpers, LedgerColumns.Staff, LedgerColumns.PlannedYuan, LedgerColumns.SignedYuan, LedgerColumns.LandedYuan, LedgerColumns.Status, LedgerColumns.ProposedOn, LedgerColumns.InLibraryOn, LedgerColumns.PlannedYear, LedgerColumns.PlannedOn, LedgerColumns.StartedOn, LedgerColumns.FinishedOn, LedgerColumns.CancelledOn, ],
        ["reports"] = [LedgerColumns.SubjectKind, LedgerColumns.SubjectId, LedgerColumns.Date, LedgerColumns.Indicator, LedgerColumns.Value],
    };

    /// <summary>The header of a kind; an unknown kind is 404 <c>import.kind</c>.</summary>
    public static IReadOnlyList<string> HeaderOf(string kind) => Headers.TryGetValue(kind, out var header)
        ? header
        : throw DomainException.NotFound("import.kind", $"'{kind}' cannot be imported: enterprises, helpers, pairings, projects or reports.", "kind");
}
