namespace Bijie.Actors.Abstractions;

/// <summary>What a report on a subject counts in, and whether the subject takes reports now.</summary>
/// <param name="SubjectId">The pairing or project id.</param>
/// <param name="Active">Whether it takes reports.</param>
/// <param name="Since">The first date a report may be made for.</param>
/// <param name="Scopes">The roll-ups a report counts in (L:…, T:…, H:…, E:…, S:…).</param>
/// <param name="HelperIds">The helpers whose subject it is.</param>
/// <param name="EnterpriseCode">The enterprise whose subject it is.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportContext")]
public sealed record ReportContext(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] bool Active,
    [property: Id(2)] DateOnly Since,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] IReadOnlyList<string> HelperIds,
    [property: Id(5)] string? EnterpriseCode);
