using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;

namespace Bijie.Actors.Grains.Live;

/// <summary>Turns a report's ledger entry into a line of the boards' ticker.</summary>
public static class Ticker
{
    /// <summary>Where (the deepest locality), who (the enterprise, else the helper), what (values by indicator).</summary>
    public static async Task<TickerItem> ItemAsync(IGrainFactory grains, LedgerEntry entry, ILogger logger)
    {
        var scopes = entry.Lines.SelectMany(l => l.Scopes).Distinct().ToArray();
        var locality = Scopes.IdsOf(scopes, ScopeKind.Locality).OrderByDescending(code => code.Length).FirstOrDefault() ?? LocalityCodes.Bijie;
        var values = entry.Values();
        string localityName = locality, reporter = entry.Actor;
        try
        {
            localityName = (await grains.GetLocality(locality).GetAsync()).Name;
            if (Scopes.IdsOf(scopes, ScopeKind.Enterprise).FirstOrDefault() is { } enterprise)
            {
                reporter = (await grains.GetGrain<IEnterpriseGrain>(enterprise).GetAsync()).Name;
            }
            else if (Scopes.IdsOf(scopes, ScopeKind.Helper).FirstOrDefault() is { } helper)
            {
                reporter = (await grains.GetGrain<IHelperGrain>(helper).GetAsync()).NameZh;
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
