using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Subjects;

/// <summary>
/// The pairings a side lists are read from the roll-up of its scope (built from the pairings' own ledger entries),
/// so both sides always name the same pairings: there is no second copy of the fact to drift.
/// </summary>
internal static class ActivePairings
{
    public static async Task<IReadOnlyList<PairingInfo>> OfAsync(IGrainFactory grains, string scope)
    {
        var ids = await grains.GetGrain<IScopeGrain>(scope).GetMembersAsync(Scopes.ActivePairings, null);
        var pairings = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPairingGrain>(id).GetAsync()));
        return pairings.Where(p => p.Status == PairingStatus.Active).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
    }
}
