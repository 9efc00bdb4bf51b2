using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed class PairingImporter(IGrainFactory grains) : IImporter
{
    /// <summary>The spreadsheet column of each field the pairing grain names in a refusal.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["enterpriseCode"] = LedgerColumns.EnterpriseCode,
        ["creditCode"] = LedgerColumns.EnterpriseCode,
        ["helperId"] = LedgerColumns.HelperId,
        ["partnerId"] = LedgerColumns.PartnerId,
        ["localityCode"] = LedgerColumns.LocalityCode,
        ["domain"] = LedgerColumns.Domain,
        ["start"] = LedgerColumns.Start,
        ["responsibleStaffId"] = LedgerColumns.Staff,
        ["end"] = LedgerColumns.End,
        ["reason"] = LedgerColumns.EndReason,
    };

    public async Task<object> CheckAsync(ImportRowReader row, int number, ActorRef actor)
    {
        var kind = Enum.TryParse<PairingKind>(row.Required(LedgerColumns.Kind), ignoreCase: true, out var k) && Enum.IsDefined(k)
            ? k
            : throw DomainException.Invalid("pairing.kind", $"{LedgerColumns.Kind} is Regional, Township, EnterpriseVillage or Institution.", LedgerColumns.Kind);
        Track? domain = row.Text(LedgerColumns.Domain) is { } d
            ? Tracks.Parse(d) ?? throw DomainException.Invalid("pairing.domain", $"'{d}' is not a domain.", LedgerColumns.Domain)
            : null;
        var request = StartPairing.Checked(kind, row.Text(LedgerColumns.HelperId), row.Text(LedgerColumns.EnterpriseCode), row.Text(LedgerColumns.LocalityCode),
            row.Text(LedgerColumns.PartnerId), domain, row.Date(LedgerColumns.Start), row.Required(LedgerColumns.Staff), null);

        // The pairing grain checks the row as starting (and ending) it would, so a dry run names every row that applying would refuse.
        var end = row.Text(LedgerColumns.End) is null ? (DateOnly?)null : row.Date(LedgerColumns.End);
        try
        {
            await grains.GetGrain<IPairingGrain>(PairingIds.For(request)).CheckStartAsync(request, end, row.Text(LedgerColumns.EndReason));
        }
        catch (DomainException e)
        {
            // A file names columns, not the API's fields; an organisation the file refers to but the store lacks is imported first.
            var message = e.Code is "enterprise.unknown" or "helper.unknown" ? $"{e.Message.TrimEnd('.')}: import it first." : e.Message;
            throw DomainException.Invalid(e.Code, message, Columns.GetValueOrDefault(e.Field ?? "", LedgerColumns.Kind));
        }

        return new PairingRow(request, end, row.Text(LedgerColumns.EndReason));
    }

    public IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) =>
        rows.GroupBy(r => PairingIds.For(((PairingRow)r.Item).Start)).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(r => new ImportError(r.Row, LedgerColumns.Kind, $"The pairing {g.Key} appears more than once in the file.")));

    public async Task ApplyAsync(object item, int row, ActorRef actor)
    {
        var p = (PairingRow)item;
        var grain = grains.GetGrain<IPairingGrain>(PairingIds.For(p.Start));
        var info = await grain.StartAsync(p.Start, actor);
        if (p.End is { } end && info.Status == PairingStatus.Active)
        {
            await grain.EndAsync(end, p.EndReason!, actor);
        }
    }
}
