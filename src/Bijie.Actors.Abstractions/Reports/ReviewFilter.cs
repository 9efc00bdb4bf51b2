namespace Bijie.Actors.Abstractions;

/// <summary>Which reports the review queue and a bulk approval take: the query parameters of the review queue (<see cref="Flagged"/>: only the reports accepted with warnings, or only those without).</summary>
public sealed record ReviewFilter(
    string? Pairing = null, string? Project = null, string? Locality = null, string? Helper = null, string? Enterprise = null,
    string? Indicator = null, bool? OnBehalf = null, int? Year = null, bool? Flagged = null);
