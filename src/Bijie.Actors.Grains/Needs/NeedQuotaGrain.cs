using Bijie.Actors.Abstractions;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Needs;

/// <summary>
/// One locality's open needs, at most <see cref="NeedOptions.MaxOpenPerLocality"/>: a bounded row, written when a
/// need of the locality is posted or stops being open.
/// </summary>
public sealed class NeedQuotaGrain(
    [PersistentState("needQuota", StorageNames.Default)] IPersistentState<HashSet<string>> open,
    IOptions<NeedOptions> options) : Grain, INeedQuotaGrain
{
    public async Task ReserveAsync(string needId)
    {
        if (open.State.Contains(needId))
        {
            return; // a retried post
        }

        var max = options.Value.MaxOpenPerLocality;
        if (open.State.Count >= max)
        {
            throw DomainException.Conflict("need.quota",
                $"Locality '{this.GetPrimaryKeyString()}' has {open.State.Count} open needs, its most: match, fulfil or withdraw one before posting another.");
        }

        open.State.Add(needId);
        await open.WriteStateAsync();
    }

    public async Task ReleaseAsync(string needId)
    {
        if (open.State.Remove(needId))
        {
            await open.WriteStateAsync();
        }
    }

    public Task<int> CountAsync() => Task.FromResult(open.State.Count);
}
