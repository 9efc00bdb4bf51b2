namespace Bijie.Actors.Abstractions;

/// <summary>What narrows the supervision list: a reporting period, the responsible person, a place, the reason.</summary>
public sealed record SupervisionFilter(string? Period = null, string? Staff = null, string? Locality = null, string? Reason = null);
