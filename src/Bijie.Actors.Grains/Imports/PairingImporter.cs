using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed class PairingImporter(IGrainFactory grains) : IImporter
{
    private IReadOnlyList<StaffMember>? staff;

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

        // What the pairing grain will check again, checked here so that a dry run names every bad row.
        if (request.EnterpriseCode is { } code)
        {
            if (CreditCodes.Problem(code) is { } problem)
            {
                throw DomainException.Invalid("enterprise.credit_code", problem, LedgerColumns.EnterpriseCode);
            }

            if (!await grains.GetGrain<IEnterpriseGrain>(code).ExistsAsync())
            {
                throw DomainException.Invalid("enterprise.unknown", $"No enterprise '{code}': import it first.", LedgerColumns.EnterpriseCode);
            }
        }

        foreach (var (id, column) in new[] { (request.HelperId, LedgerColumns.HelperId), (request.PartnerId, LedgerColumns.PartnerId) })
        {
            if (id is not null && !await grains.GetGrain<IHelperGrain>(id).ExistsAsync())
            {
                throw DomainException.Invalid("helper.unknown", $"No helper organisation '{id}'.", column);
            }
        }

        if (request.LocalityCode is { } locality)
        {
            await ImportChecks.CheckLocalityAsync(grains, locality);
        }

        staff ??= await grains.GetGrain<IReferenceGrain>(0).GetStaffAsync();
        if (staff.All(s => s.Id != request.ResponsibleStaffId))
        {
            throw DomainException.Invalid("staff.unknown", $"'{request.ResponsibleStaffId}' is not in the staff directory.", LedgerColumns.Staff);
        }

        var end = row.Text(LedgerColumns.End) is null ? (DateOnly?)null : row.Date(LedgerColumns.End);
        if (end is not null && row.Text(LedgerColumns.EndReason) is null)
        {
            throw DomainException.Invalid("pairing.end_reason", "An ended pairing needs its reason.", LedgerColumns.EndReason);
        }

        var existing = grains.GetGrain<IPairingGrain>(PairingIds.For(request));
        try
        {
            var current = await existing.GetAsync();
            if (current.Status == PairingStatus.Active && current.Start != request.Start)
            {
                throw DomainException.Invalid("pairing.duplicate", $"'{current.Id}' is already active since {current.Start:yyyy-MM-dd}.", LedgerColumns.Start);
            }
        }
        catch (DomainException e) when (e.Code == "pairing.unknown")
        {
            // a new pairing
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
