using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Reports;

/// <summary>Entries every recorder of values builds alike.</summary>
public static class LedgerEntries
{
    /// <summary>
    /// The reversal of an entry: its value lines negated. Its idempotency key is the reversed entry's id, so an entry
    /// is reversed once: a retry finds the reversal it made, and a second, different reversal is refused.
    /// </summary>
    /// <remarks>When the office approved the entry, <paramref name="approval"/>'s reviewed lines are taken back with it.</remarks>
    public static LedgerEntry Reversal(StoredEntry original, string reason, ActorRef actor, DateTimeOffset now, StoredEntry? approval = null)
    {
        var reportId = original.Entry.EntryId;
        var body = JsonSerializer.Serialize(new { reverses = reportId, reason });
        return new LedgerEntry(
            Guid.NewGuid(), EntryKind.Reversal, "reversal", reportId.ToString("N"), SHA256.HashData(Encoding.UTF8.GetBytes(body)),
            original.Entry.SubjectId, null, original.Entry.OccurredOn, now, actor.Id, actor.ManagesEverything && original.Entry.Actor != actor.Id,
            reportId, body, original.Entry.Lines.Concat(approval?.Entry.Lines ?? []).Where(l => l.Member is null).Select(l => l with { Value = -l.Value }).ToArray());
    }

    /// <summary>What an entry's body says it records: "pairing" or "project" for reports, else a visit or an expert service batch.</summary>
    public static string KindOf(LedgerEntry entry) =>
        entry.Kind == EntryKind.Report && entry.Body is { } body && JsonDocument.Parse(body).RootElement.TryGetProperty("kind", out var kind)
            ? kind.GetString() ?? "pairing"
            : "pairing";
}
