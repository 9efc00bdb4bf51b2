namespace Bijie.Actors.Abstractions;

/// <summary>A progress report (进展填报) against a pairing or a project.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportSubmission")]
public sealed record ReportSubmission(
    [property: Id(0)] string? PairingId,
    [property: Id(1)] string? ProjectId,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] IReadOnlyDictionary<string, decimal> Values,
    [property: Id(4)] string IdempotencyKey,
    [property: Id(5)] string? Note = null);
