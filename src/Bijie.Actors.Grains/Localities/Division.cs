using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Localities;

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
