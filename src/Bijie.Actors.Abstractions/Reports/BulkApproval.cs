namespace Bijie.Actors.Abstractions;

/// <summary>
/// What a bulk approval did: <see cref="Approved"/> reports approved by this call, <see cref="Remaining"/> still pending in
/// the set (at or below <see cref="Through"/>, the ledger position the set was fixed at, so that reports filed after the
/// office confirmed the count are never approved unseen).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.BulkApproval")]
public sealed record BulkApproval([property: Id(0)] int Approved, [property: Id(1)] int Remaining, [property: Id(2)] long Through);
