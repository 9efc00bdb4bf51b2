using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Validation;

/// <summary>
/// A county's subjects' totals of one indicator in one year, read with one aggregate from the ledger and kept for
/// <see cref="ValidationOptions.PeerRefresh"/>: every report of the county asks it, none of them queries. Reentrant:
/// the reads share one refresh.
/// </summary>
[Reentrant]
public sealed class PeerFiguresGrain(ILedger ledger, TimeProvider time, IOptions<ValidationOptions> options) : Grain, IPeerFiguresGrain
{
    private (string Subject, decimal Total)[] totals = [];
    private DateTimeOffset readAt = DateTimeOffset.MinValue;
    private Task? refreshing;

    public async Task<Spread?> SpreadAsync(string subjectId, int minimum)
    {
        if (time.GetUtcNow() - readAt >= options.Value.PeerRefresh)
        {
            refreshing ??= RefreshAsync();
            try
            {
                await refreshing;
            }
            finally
            {
                refreshing = null;
            }
        }

        return Outliers.SpreadOf(totals.Where(t => t.Subject != subjectId).Select(t => t.Total), minimum);
    }

    private async Task RefreshAsync()
    {
        var key = this.GetPrimaryKeyString().Split('|');
        var read = await ledger.SubjectTotalsAsync(key[0], key[1], short.Parse(key[2], System.Globalization.CultureInfo.InvariantCulture));
        totals = read.Select(r => (r.Key, r.Value)).ToArray();
        readAt = time.GetUtcNow();
    }
}
