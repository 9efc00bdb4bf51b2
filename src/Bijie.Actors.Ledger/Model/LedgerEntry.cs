namespace Bijie.Actors.Ledger;

/// <summary>An entry to append. The ledger never changes it once committed.</summary>
public sealed record LedgerEntry(
    Guid EntryId,
    EntryKind Kind,
    string IdempotencyScope,
    string IdempotencyKey,
    byte[] RequestHash,
    string SubjectId,
    int? SubjectVersion,
    DateOnly OccurredOn,
    DateTimeOffset RecordedAt,
    string Actor,
    bool OnBehalf,
    Guid? Reverses,
    string? Body,
    IReadOnlyList<LedgerLine> Lines)
{
    /// <summary>A report (or a figure counted like one: a visit, a service batch) under its caller's idempotency key.</summary>
    public static LedgerEntry Report(
        string idempotencyScope, string idempotencyKey, string subjectId, DateOnly occurredOn, DateTimeOffset recordedAt, string actor, bool onBehalf,
        string body, IReadOnlyList<LedgerLine> lines) =>
        new(NewId(recordedAt), EntryKind.Report, idempotencyScope, idempotencyKey, HashOf(body), subjectId, null, occurredOn, recordedAt, actor, onBehalf,
            null, body, lines);

    /// <summary>
    /// A new entry's id: a version 7 UUID, its first bits the time it was recorded, so that the store's unique index of
    /// ids grows at its end like the positions do instead of taking each id on a random page (issue 17).
    /// </summary>
    public static Guid NewId(DateTimeOffset recordedAt) => Guid.CreateVersion7(recordedAt);

    /// <summary>The reversal of <paramref name="original"/>, keyed by its id so that an entry is reversed once; dated as the original.</summary>
    public static LedgerEntry ReversalOf(LedgerEntry original, DateTimeOffset recordedAt, string actor, bool onBehalf, string body, IReadOnlyList<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(original);
        return new(NewId(recordedAt), EntryKind.Reversal, "reversal", original.EntryId.ToString("N"), HashOf(body), original.SubjectId, null,
            original.OccurredOn, recordedAt, actor, onBehalf, original.EntryId, body, lines);
    }

    /// <summary>The approval of <paramref name="original"/> under the id <paramref name="entryId"/>, keyed by the original's id: one per report.</summary>
    public static LedgerEntry ReviewOf(Guid entryId, LedgerEntry original, DateTimeOffset recordedAt, string actor, string body, IReadOnlyList<LedgerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(original);
        return new(entryId, EntryKind.Review, "review", original.EntryId.ToString("N"), HashOf(body), original.SubjectId, null,
            original.OccurredOn, recordedAt, actor, false, null, body, lines);
    }

    /// <summary>Version <paramref name="version"/> of a pairing or project, keyed by it: two changes from the same version cannot both commit.</summary>
    public static LedgerEntry SubjectChange(string subjectId, int version, DateOnly occurredOn, DateTimeOffset recordedAt, string actor, string body, IReadOnlyList<LedgerLine> lines) =>
        new(Guid.NewGuid(), EntryKind.SubjectChange, "subject", $"{subjectId}:v{version}", HashOf(body), subjectId, version, occurredOn, recordedAt, actor,
            false, null, body, lines);

    /// <summary>
    /// What a report's body holds when it was accepted with warnings: a <c>flags</c> array, written (compact JSON, quotes
    /// inside strings escaped) only when there is one. The store keeps the same test as a column, for the review queue.
    /// </summary>
    public const string FlagsMarker = "\"flags\":[";

    /// <summary>Whether a report was accepted with warnings (its body carries flags).</summary>
    public bool IsFlagged => Kind == EntryKind.Report && Body is { } body && body.Contains(FlagsMarker, StringComparison.Ordinal);

    /// <summary>The request hash of a body: what tells a retry (same body) from another request under the same key.</summary>
    public static byte[] HashOf(string body) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// A report's (or reversal's) values by indicator: its value lines summed. Lines of derived figures (named
    /// "kind:indicator", such as the reviewed part) are not values of the report.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Values() =>
        Lines.Where(l => l.IsValue).GroupBy(l => l.Indicator).ToDictionary(g => g.Key, g => g.Sum(l => l.Value));
}
