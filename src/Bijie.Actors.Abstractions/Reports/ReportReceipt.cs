namespace Bijie.Actors.Abstractions;

/// <summary>The answer to a report: its id once committed; <see cref="Replayed"/> when the key was seen before.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportReceipt")]
public sealed record ReportReceipt(
    [property: Id(0)] Guid ReportId,
    [property: Id(1)] long Position,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] IReadOnlyList<RuleFinding>? Warnings = null);
