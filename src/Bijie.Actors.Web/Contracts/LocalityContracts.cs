namespace Bijie.Actors.Web.Contracts;

/// <summary>The answer of <c>GET /api/v1/localities/{code}</c>.</summary>
public sealed record LocalityDto(
    string Code,
    string Name,
    string OfficialName,
    string Level,
    string? ParentCode,
    IReadOnlyList<LocalityRef> Lineage,
    IReadOnlyList<LocalityRef> Children)
{
    public static LocalityDto From(LocalityInfo l) =>
        new(l.Code, l.Name, l.OfficialName, l.Level.Name(), l.ParentCode, l.Lineage, l.Children);
}
