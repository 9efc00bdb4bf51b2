namespace Bijie.Actors.Abstractions;

/// <summary>One shard of the matters' summaries, for the lists (see <see cref="MatterRegistry"/>).</summary>
[Alias("Bijie.Actors.IMatterListGrain")]
public interface IMatterListGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task PutAsync(MatterSummary summary);

    [Alias("List")]
    Task<IReadOnlyList<MatterSummary>> ListAsync();
}
