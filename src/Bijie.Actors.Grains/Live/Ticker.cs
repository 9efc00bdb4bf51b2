using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;

namespace Bijie.Actors.Grains.Live;

/// <summary>Turns a report's ledger entry into a line of the boards' ticker.</summary>
public static class Ticker
{
    /// <summary>
    /// Where (the deepest locality), who (the enterprise, else the helper), what (values by indicator). The names come
    /// from <see cref="IDisplayNames"/>, which keeps them a few minutes: a report costs no grain call for its line.
    /// </summary>
    public static async Task<TickerItem> ItemAsync(IDisplayNames names, LedgerEntry entry, ILogger logger)
    {
        var scopes = entry.Lines.SelectMany(l => l.Scopes).Distinct().ToArray();
        var locality = Scopes.IdsOf(scopes, ScopeKind.Locality).OrderByDescending(code => code.Length).FirstOrDefault() ?? LocalityCodes.Bijie;
        var values = entry.Values();
        string localityName = locality, reporter = entry.Actor;
        try
        {
            localityName = await names.LocalityNameAsync(locality) ?? locality;
            var organization = Scopes.IdsOf(scopes, ScopeKind.Enterprise).Select(id => (Kind: ScopeKind.Enterprise, Id: id))
                .Concat(Scopes.IdsOf(scopes, ScopeKind.Helper).Select(id => (Kind: ScopeKind.Helper, Id: id)))
                .FirstOrDefault();
            if (organization.Id is not null)
            {
                reporter = await names.OrganizationNameAsync(organization.Kind, organization.Id) ?? reporter;
            }
        }
        catch (Exception e)
        {
            logger.LogDebug("Ticker names not found for {Subject}: {Message}", entry.SubjectId, e.Message);
        }

        return new TickerItem(entry.EntryId, entry.OccurredOn, entry.RecordedAt, entry.SubjectId, locality, localityName, reporter, values,
            entry.Kind == EntryKind.Reversal, scopes);
    }
}
