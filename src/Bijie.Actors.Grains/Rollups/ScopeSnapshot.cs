namespace Bijie.Actors.Grains.Rollups;

/// <summary>A roll-up's totals through a ledger position, and the batches above it already counted.</summary>
[GenerateSerializer, Alias("Bijie.Actors.ScopeSnapshot")]
public sealed class ScopeSnapshot
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Compressed JSON: a city's members repeat the same few indicator names many thousand times.</summary>
    public static byte[] Pack(ScopeSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.BrotliStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            System.Text.Json.JsonSerializer.Serialize(zip, snapshot, Json);
        }

        return buffer.ToArray();
    }

    public static ScopeSnapshot Unpack(byte[] packed)
    {
        using var zip = new System.IO.Compression.BrotliStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
        return System.Text.Json.JsonSerializer.Deserialize<ScopeSnapshot>(zip, Json) ?? new ScopeSnapshot();
    }

    [Id(0)] public long Head { get; set; }
    [Id(1)] public List<long> Applied { get; set; } = [];
    [Id(2)] public List<SumRow> Sums { get; set; } = [];
    [Id(3)] public List<MemberRow> Members { get; set; } = [];

    [GenerateSerializer, Immutable, Alias("Bijie.Actors.ScopeSnapshot.SumRow")]
    public sealed record SumRow([property: Id(0)] string Indicator, [property: Id(1)] short Year, [property: Id(2)] short Month, [property: Id(3)] decimal Value);

    [GenerateSerializer, Immutable, Alias("Bijie.Actors.ScopeSnapshot.MemberRow")]
    public sealed record MemberRow([property: Id(0)] string Indicator, [property: Id(1)] string Member, [property: Id(2)] short Year, [property: Id(3)] short? YearTo, [property: Id(4)] int Count);
}
