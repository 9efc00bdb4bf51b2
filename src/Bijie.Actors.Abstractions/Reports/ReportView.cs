namespace Bijie.Actors.Abstractions;

/// <summary>A report as the ledger holds it; <see cref="Flags"/> are the warnings it was accepted with (rules broken, outliers).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportView")]
public sealed record ReportView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] DateOnly Date,
    [property: Id(4)] IReadOnlyDictionary<string, decimal> Values,
    [property: Id(5)] string ReportedBy,
    [property: Id(6)] bool OnBehalf,
    [property: Id(7)] DateTimeOffset RecordedAt,
    [property: Id(8)] Guid? Reverses,
    [property: Id(9)] long Position,
    [property: Id(10)] string SubjectKind = "pairing",
    [property: Id(11)] string? Note = null,
    [property: Id(12)] string? SubjectName = null,
    [property: Id(13)] string? ReporterName = null,
    [property: Id(14)] IReadOnlyList<RuleFinding>? Flags = null);
