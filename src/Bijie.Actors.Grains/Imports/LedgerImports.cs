using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

/// <summary>
/// The office's imports (<see cref="ILedgerImports"/>): checks every row with the importer of its kind, then the rows
/// together (a code twice in one file), and applies them only when the file is clean and it is not a dry run.
/// </summary>
public sealed class LedgerImports(IGrainFactory grains) : ILedgerImports
{
    /// <summary>Who applies the rows of an import made without a signed-in caller.</summary>
    private static readonly ActorRef Importer = new("import", ActorRole.Office);

    /// <summary>A dry run lists what this many good rows would do, no more.</summary>
    public const int MaxChangesListed = 1000;

    public async Task<ImportResult> ImportAsync(
        string kind, IReadOnlyList<ImportRow> rows, bool dryRun, string fileHash, ActorRef actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(actor);
        var importer = ImporterOf(kind, fileHash);
        var errors = new List<ImportError>();
        var checkedRows = new List<(int Row, object Item)>();
        for (var i = 0; i < rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = i + 2; // as a spreadsheet numbers it: the header is row 1
            try
            {
                checkedRows.Add((row, await importer.CheckAsync(new ImportRowReader(rows[i].Cells), row, actor)));
            }
            catch (DomainException e)
            {
                errors.Add(new ImportError(row, e.Field, e.Message));
            }
        }

        errors.AddRange(importer.CheckTogether(checkedRows));
        if (dryRun || errors.Count > 0)
        {
            // A dry run says what each good row would do: create a record, or update one that exists.
            var bad = errors.Select(e => e.Row).ToHashSet();
            var changes = dryRun
                ? await Task.WhenAll(checkedRows.Where(r => !bad.Contains(r.Row)).Select(async r => new ImportChange(r.Row, await importer.ActionAsync(r.Item))))
                : [];
            return new ImportResult(kind, dryRun, rows.Count, rows.Count - bad.Count, 0, errors.OrderBy(e => e.Row).ToArray(),
                changes.Count(c => c.Action == "create"), changes.Count(c => c.Action == "update"), changes.OrderBy(c => c.Row).Take(MaxChangesListed).ToArray());
        }

        var applied = 0;
        foreach (var (row, item) in checkedRows)
        {
            await importer.ApplyAsync(item, row, actor.Id == "anonymous" ? Importer : actor);
            applied++;
        }

        return new ImportResult(kind, false, rows.Count, rows.Count, applied, []);
    }

    private IImporter ImporterOf(string kind, string fileHash)
    {
        ImportKinds.HeaderOf(kind); // an unknown kind is refused here, with the kinds there are
        return kind switch
        {
            "enterprises" => new EnterpriseImporter(grains),
            "pairings" => new PairingImporter(grains),
            "helpers" => new HelperImporter(grains),
            "projects" => new ProjectImporter(grains),
            _ => new ReportImporter(grains, fileHash),
        };
    }
}
