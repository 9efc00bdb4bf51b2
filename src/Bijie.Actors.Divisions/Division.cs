using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Divisions;

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
