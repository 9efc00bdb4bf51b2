namespace Bijie.Actors.Abstractions;

/// <summary>
/// Everything one committed batch adds to one scope; applied once (by <see cref="BatchId"/>). <see cref="Lines"/> is
/// how many ledger lines it folds: what a rebuild of the scope from the ledger would read again.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.BatchDelta")]
public sealed record BatchDelta(
    [property: Id(0)] long BatchId,
    [property: Id(1)] IReadOnlyList<SumDelta> Sums,
    [property: Id(2)] IReadOnlyList<MemberDelta> Members,
    [property: Id(3)] int Lines);
