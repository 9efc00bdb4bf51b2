using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Approvals;

/// <summary>Whether the batch a report's figures belong to is approved (locked), for the intake and the review.</summary>
internal static class ApprovalLocks
{
    /// <summary>
    /// The period of <paramref name="date"/> and whether the batch of the deepest locality in <paramref name="scopes"/> is
    /// approved at any level. Approvals come only after a period ends, so a running period asks nothing.
    /// </summary>
    public static async Task<(string Period, bool Locked)> CheckAsync(IGrainFactory grains, IEnumerable<string> scopes, DateOnly date, LocalityLevel unitLevel, DateOnly today)
    {
        var period = ReportingPeriods.Of(date);
        if (today <= ReportingPeriods.Require(period).Last || Scopes.IdsOf(scopes, ScopeKind.Locality).MaxBy(c => c.Length) is not { } deepest)
        {
            return (period, false);
        }

        return (period, await grains.GetGrain<IPeriodApprovalsGrain>(period).LockedAsync(ApprovalRules.UnitOf(deepest, unitLevel)));
    }
}
