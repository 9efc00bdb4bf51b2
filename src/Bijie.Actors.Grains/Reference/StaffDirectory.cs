using System.Collections.Frozen;
using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Reference;

/// <summary>The programme office's staff directory (Data/staff.csv; see Data/NOTICE.md): responsible persons are picked from it.</summary>
public static class StaffDirectory
{
    private static readonly FrozenDictionary<string, StaffMember> ById = Load().ToFrozenDictionary(s => s.Id);

    public static IReadOnlyList<StaffMember> All { get; } = ById.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();

    public static StaffMember? Find(string? id) => id is null ? null : ById.GetValueOrDefault(id);

    /// <summary>The staff member, or an Invalid refusal naming the field.</summary>
    public static StaffMember Require(string? id, string field = "responsibleStaffId") =>
        Find(id) ?? throw DomainException.Invalid("staff.unknown", $"'{id}' is not in the staff directory.", field);

    private static IEnumerable<StaffMember> Load()
    {
        using var stream = typeof(StaffDirectory).Assembly.GetManifestResourceStream("Bijie.Actors.Grains.Data.staff.csv")
            ?? throw new InvalidOperationException("The embedded staff directory is missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // id,name,role
        var staff = new List<StaffMember>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var f = line.Split(',');
            staff.Add(new StaffMember(f[0], f[1], f[2]));
        }

        return staff;
    }
}
