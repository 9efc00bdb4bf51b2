namespace Bijie.Actors.Abstractions;

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
