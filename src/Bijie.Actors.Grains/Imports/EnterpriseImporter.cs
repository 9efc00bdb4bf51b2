using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed class EnterpriseImporter(IGrainFactory grains) : IImporter
{
    public async Task<string> ActionAsync(object item) =>
        await grains.GetGrain<IEnterpriseGrain>(((EnterpriseProfile)item).CreditCode).ExistsAsync() ? "update" : "create";

    public Task<object> CheckAsync(ImportRowReader row, int number, ActorRef actor)
    {
        var code = row.Required(LedgerColumns.CreditCode);
        if (CreditCodes.Problem(code) is { } problem)
        {
            throw DomainException.Invalid("enterprise.credit_code", problem, LedgerColumns.CreditCode);
        }

        var name = row.Required(LedgerColumns.EnterpriseName);
        return name.Length > 100
            ? throw DomainException.Invalid("enterprise.name", "A name has at most 100 characters.", LedgerColumns.EnterpriseName)
            : Task.FromResult<object>(new EnterpriseProfile(code, name, row.Text(LedgerColumns.Industry), row.Text(LedgerColumns.Province)));
    }

    public IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) =>
        rows.GroupBy(r => ((EnterpriseProfile)r.Item).CreditCode).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(r => new ImportError(r.Row, LedgerColumns.CreditCode, $"{g.Key} appears more than once in the file.")));

    public async Task ApplyAsync(object item, int row, ActorRef actor) =>
        await grains.GetGrain<IEnterpriseGrain>(((EnterpriseProfile)item).CreditCode).RegisterAsync((EnterpriseProfile)item, actor);
}
