namespace Bijie.Actors.Abstractions;

/// <summary>The ledger's daily digests, for the office to print or send outside the system (a stateless reader).</summary>
[Alias("Bijie.Actors.ILedgerDigestsGrain")]
public interface ILedgerDigestsGrain : IGrainWithIntegerKey
{
    /// <summary>The digests written, newest first (at most <see cref="LedgerDigestView.MaxListed"/>).</summary>
    [Alias("List")]
    Task<IReadOnlyList<LedgerDigestView>> ListAsync();
}

/// <summary>
/// One day's digest: the ledger's hash chain stood at <see cref="Hash"/> at <see cref="Position"/> when the day
/// (China Standard Time) was over, with <see cref="Entries"/> entries and <see cref="Lines"/> lines through it.
/// <see cref="Check"/> is what <c>deploy/verify-ledger.sh --digest</c> takes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.LedgerDigestView")]
public sealed record LedgerDigestView(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] long Position,
    [property: Id(2)] string Hash,
    [property: Id(3)] long Entries,
    [property: Id(4)] long Lines,
    [property: Id(5)] DateTimeOffset WrittenAt)
{
    public const int MaxListed = 400;

    public string Check => $"{Position}:{Hash}";
}
