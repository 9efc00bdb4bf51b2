using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Validation;

/// <summary>
/// A county's subjects' totals of one indicator in one year, read with one aggregate from the ledger and kept for
/// <see cref="ValidationOptions.PeerRefresh"/>: every report of the county asks it, none of them queries or waits for the
/// query (the figures as last read answer while they are read again). Reentrant: the reads share one refresh. Each
/// silo keeps a copy a while (<see cref="PeerSpreads"/>), so a report makes no call here.
/// </summary>
[Reentrant]
public sealed class PeerFiguresGrain(ILedger ledger, TimeProvider time, IOptions<ValidationOptions> options, ILogger<PeerFiguresGrain> logger)
    : Grain, IPeerFiguresGrain
{
    private PeerTotals totals = PeerTotals.None;
    private DateTimeOffset readAt = DateTimeOffset.MinValue;
    private Task? refreshing;

    public Task<PeerTotals> TotalsAsync()
    {
        // Stale while read again: no report waits for the aggregate. Until the first read is in, nothing is flagged.
        if (refreshing is not { IsCompleted: false } && time.GetUtcNow() - readAt >= options.Value.PeerRefresh)
        {
            refreshing = RefreshAsync();
        }

        return Task.FromResult(totals);
    }

    private async Task RefreshAsync()
    {
        try
        {
            var key = this.GetPrimaryKeyString().Split('|');
            var read = await ledger.SubjectTotalsAsync(key[0], key[1], short.Parse(key[2], System.Globalization.CultureInfo.InvariantCulture));
            readAt = time.GetUtcNow();
            totals = new PeerTotals(read.Keys.ToArray(), read.Values.ToArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The figures as they were; another read after a minute, not on every report meanwhile.
            readAt = time.GetUtcNow() - options.Value.PeerRefresh + TimeSpan.FromMinutes(1);
            logger.LogWarning("A county's peer figures could not be read: {Message}", e.Message);
        }
    }
}
