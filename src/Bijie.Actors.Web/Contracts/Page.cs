namespace Bijie.Actors.Web.Contracts;

/// <summary>A page of a listing and the link to the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, int Total);
