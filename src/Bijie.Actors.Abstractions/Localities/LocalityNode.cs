namespace Bijie.Actors.Abstractions;

/// <summary>A node of Bijie's division tree as a reader sees it: the city, its counties and their townships.</summary>
public sealed record LocalityNode(string Code, string Name, string Level, IReadOnlyList<LocalityNode> Children);
