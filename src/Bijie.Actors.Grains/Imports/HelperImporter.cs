using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed class HelperImporter(IGrainFactory grains) : IImporter
{
    public async Task<string> ActionAsync(object item) =>
        await grains.GetGrain<IHelperGrain>(((HelperProfile)item).Id).ExistsAsync() ? "update" : "create";

    public Task<object> CheckAsync(ImportRowReader row, int number, ActorRef actor)
    {
        var id = row.Required(LedgerColumns.HelperId);
        if (!HelperIds.IsValid(id))
        {
            throw DomainException.Invalid("helper.id", $"'{id}' is not a helper id (lower-case letters, digits, '-').", LedgerColumns.HelperId);
        }

        var kind = Enum.TryParse<HelperKind>(row.Required(LedgerColumns.HelperKind), ignoreCase: true, out var k) && Enum.IsDefined(k)
            ? k
            : throw DomainException.Invalid("helper.kind", $"'{row.Text(LedgerColumns.HelperKind)}' is not a kind of helper.", LedgerColumns.HelperKind);
        return Task.FromResult<object>(new HelperProfile(id, row.Required(LedgerColumns.HelperName), row.Text(LedgerColumns.HelperNameEn), kind, row.Text(LedgerColumns.LocalityCode), []));
    }

    public async Task ApplyAsync(object item, int row, ActorRef actor) =>
        await grains.GetGrain<IHelperGrain>(((HelperProfile)item).Id).RegisterAsync((HelperProfile)item, actor);
}
