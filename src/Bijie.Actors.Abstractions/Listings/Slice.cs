namespace Bijie.Actors.Abstractions;

/// <summary>One slice of a listing (from an offset, at most a limit) and how many the whole listing holds.</summary>
public sealed record Slice<T>(IReadOnlyList<T> Items, int Total);
