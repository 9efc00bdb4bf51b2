using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bijie.Actors.Ledger;

/// <summary>
/// The ledger's hash chain: each entry's hash is SHA-256 of the hash of the entry committed before it and of
/// everything the entry holds as the store keeps it (its position, fields, body text and lines). Changing,
/// removing or inserting a row behind the system's back breaks the chain at that entry and every one after it;
/// a head hash kept outside (the daily digest) shows even a chain recomputed by whoever changed the rows.
/// The writer computes it in the group commit; the verifier recomputes it from the rows with this same code.
/// </summary>
public static class EntryChain
{
    /// <summary>The hash before the first chained entry.</summary>
    public static byte[] Genesis { get; } = new byte[32];

    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The hash of <paramref name="entry"/> at <paramref name="position"/>, chained to <paramref name="previous"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, long position, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new Writer(hash);
        writer.Bytes(previous);
        writer.Int64(position);
        Span<byte> id = stackalloc byte[16];
        entry.EntryId.TryWriteBytes(id, bigEndian: true, out _);
        writer.Bytes(id);
        writer.Int64((short)entry.Kind);
        writer.Text(entry.IdempotencyScope);
        writer.Text(entry.IdempotencyKey);
        writer.Bytes(entry.RequestHash);
        writer.Text(entry.SubjectId);
        writer.Optional(entry.SubjectVersion);
        writer.Int64(entry.OccurredOn.DayNumber);
        // The store keeps microseconds, and the writer's driver truncates the ticks below them.
        writer.Int64((entry.RecordedAt.UtcTicks - UnixEpochTicks) / 10);
        writer.Text(entry.Actor);
        writer.Int64(entry.OnBehalf ? 1 : 0);
        writer.Text(entry.Reverses?.ToString("N"));
        writer.Text(entry.Body);
        writer.Int64(entry.Lines.Count);
        foreach (var line in entry.Lines)
        {
            writer.Text(line.Indicator);
            writer.Int64(line.Year);
            writer.Optional(line.Month);
            writer.Optional(line.YearTo);
            writer.Text(line.Member);
            // numeric(20,2): the store keeps cents, rounded half away from zero.
            writer.Int64(decimal.ToInt64(decimal.Round(line.Value, 2, MidpointRounding.AwayFromZero) * 100m));
            writer.Int64(line.Scopes.Count);
            foreach (var scope in line.Scopes)
            {
                writer.Text(scope);
            }
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Length-prefixed fields, so that no two different entries write the same bytes.</summary>
    private readonly struct Writer(IncrementalHash hash)
    {
        public void Int64(long value)
        {
            Span<byte> buffer = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
            hash.AppendData(buffer);
        }

        public void Optional(int? value)
        {
            Int64(value.HasValue ? 1 : 0);
            Int64(value ?? 0);
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Int64(value.Length);
            hash.AppendData(value);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Int64(-1);
                return;
            }

            Bytes(Encoding.UTF8.GetBytes(value));
        }
    }
}
