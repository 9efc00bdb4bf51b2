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
        var locality = scopes.Where(s => s.StartsWith("L:", StringComparison.Ordinal)).OrderByDescending(s => s.Length).FirstOrDefault()?[2..] ?? LocalityCodes.Bijie;
        var values = entry.Values();
        string localityName = locality, reporter = entry.Actor;
        try
        {
            localityName = (await grains.GetLocality(locality).GetAsync()).Name;
            if (scopes.FirstOrDefault(s => s.StartsWith("E:", StringComparison.Ordinal)) is { } enterprise)
            {
                reporter = (await grains.GetGrain<IEnterpriseGrain>(enterprise[2..]).GetAsync()).Name;
            }
            else if (scopes.FirstOrDefault(s => s.StartsWith("H:", StringComparison.Ordinal)) is { } helper)
            {
                reporter = (await grains.GetGrain<IHelperGrain>(helper[2..]).GetAsync()).NameZh;
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
