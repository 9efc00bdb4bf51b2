namespace Bijie.Actors.Abstractions;

/// <summary>
/// The open needs a locality's office has posted (key: the office's locality code), held under a quota so that
/// one locality's account or key cannot fill the needs' registry.
/// </summary>
[Alias("Bijie.Actors.INeedQuotaGrain")]
public interface INeedQuotaGrain : IGrainWithStringKey
{
    /// <summary>Counts an open need; refused (409, need.quota) when the locality holds its quota of open needs already. Idempotent.</summary>
    [Alias("Reserve")]
    Task ReserveAsync(string needId);

    /// <summary>The need is no longer open (matched or withdrawn). Idempotent.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string needId);

    [Alias("Count")]
    Task<int> CountAsync();
}
