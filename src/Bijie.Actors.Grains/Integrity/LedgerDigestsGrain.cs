using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Integrity;

/// <summary>Reads the daily digests from the ledger's store; a ledger kept in memory has none.</summary>
[StatelessWorker]
public sealed class LedgerDigestsGrain(ILedger ledger) : Grain, ILedgerDigestsGrain
{
    public async Task<IReadOnlyList<LedgerDigestView>> ListAsync() =>
        (await ledger.ReadDigestsAsync(LedgerDigestView.MaxListed))
            .Select(d => new LedgerDigestView(d.Day!.Value, d.Position, Convert.ToHexStringLower(d.Hash), d.Entries ?? 0, d.Lines ?? 0, d.WrittenAt ?? default))
            .ToArray();
}
