namespace Bijie.Actors.Abstractions;

/// <summary>
/// The filters most listings share: a place (that place and below), an enterprise (its credit code), a helper. Each
/// names a roll-up scope; a listing reads the members present in every scope named (Bijie as a whole when none is).
/// </summary>
public sealed record ListingFilter(string? Locality = null, string? Enterprise = null, string? Helper = null);
