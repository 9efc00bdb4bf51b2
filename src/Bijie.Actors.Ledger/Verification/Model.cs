namespace Bijie.Actors.Ledger.Verification;

/// <summary>
/// The chain's head at a position, as a daily digest recorded it or as someone kept it outside the system
/// (printed, sent): <see cref="Entries"/> and <see cref="Lines"/> are the counts through that position when known.
/// </summary>
public sealed record LedgerDigest(DateOnly? Day, long Position, byte[] Hash, long? Entries = null, long? Lines = null, DateTimeOffset? WrittenAt = null)
{
    /// <summary>Reads "POSITION:HEX" as printed by the digest (and by <c>deploy/verify-ledger.sh</c>).</summary>
    public static bool TryParse(string text, out LedgerDigest? digest)
    {
        digest = null;
        var parts = (text ?? "").Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var position) || position < 0 || parts[1].Length != 64)
        {
            return false;
        }

        try
        {
            digest = new LedgerDigest(null, position, Convert.FromHexString(parts[1]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Position}:{Convert.ToHexStringLower(Hash)}";
}

/// <summary>What a roll-up snapshot holds: its head and its figures (month 0: no month).</summary>
public sealed record SnapshotFigures(
    long Head,
    IReadOnlyList<(string Indicator, short Year, short Month, decimal Value)> Sums,
    IReadOnlyList<(string Indicator, string Member, short Year, short? YearTo, int Count)> Members);

/// <summary>One thing the verifier found wrong; <see cref="Code"/> is stable for scripts.</summary>
public sealed record VerificationFinding(string Code, long? Position, string Message);

/// <summary>What the verifier read and found.</summary>
public sealed record LedgerVerification(
    long Entries,
    long Chained,
    long ChainFrom,
    long Head,
    byte[] HeadHash,
    int Subjects,
    int Snapshots,
    int Digests,
    IReadOnlyList<VerificationFinding> Findings)
{
    public bool Intact => Findings.Count == 0;
}
