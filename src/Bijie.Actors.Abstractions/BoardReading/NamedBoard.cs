namespace Bijie.Actors.Abstractions;

/// <summary>A board with the code and the name of what it is of, as a reader sees them (a pairing by its two sides, never by its id).</summary>
public sealed record NamedBoard(string Code, string Name, Board Board);
