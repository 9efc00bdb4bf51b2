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
    /// <remarks><paramref name="correctedBy"/> names the report that replaces it, when the reversal is half of a correction.</remarks>
    public static LedgerEntry Reversal(StoredEntry original, string reason, ActorRef actor, DateTimeOffset now, StoredEntry? approval = null, Guid? correctedBy = null)
    {
        var reportId = original.Entry.EntryId;
        var body = correctedBy is { } by
            ? JsonSerializer.Serialize(new { reverses = reportId, reason, correctedBy = by })
            : JsonSerializer.Serialize(new { reverses = reportId, reason });
        return LedgerEntry.ReversalOf(original.Entry, now, actor.Id, actor.ManagesEverything && original.Entry.Actor != actor.Id, body,
            original.Entry.Lines.Concat(approval?.Entry.Lines ?? []).Where(l => l.Member is null).Select(l => l with { Value = -l.Value }).ToArray());
    }

    /// <summary>
    /// The reversal of an entry, with the reviewed part of an approved one (every reversal must take it back too,
    /// so the approval is looked up here rather than by each caller).
    /// </summary>
    public static async Task<LedgerEntry> ReversalAsync(ILedger ledger, StoredEntry original, string reason, ActorRef actor, DateTimeOffset now, Guid? correctedBy = null) =>
        Reversal(original, reason, actor, now, await ledger.FindAsync(Reviews.ApprovalId(original.Entry.EntryId)), correctedBy);

    /// <summary>Appends; a ledger that cannot commit now is a 503 for the caller, who retries as <paramref name="retry"/> says.</summary>
    public static async Task<AppendResult> AppendAsync(ILedger ledger, LedgerEntry entry, string retry = "retry with the same idempotency key")
    {
        try
        {
            return await ledger.AppendAsync(entry);
        }
        catch (LedgerUnavailableException e)
        {
            throw DomainException.Unavailable($"The ledger cannot commit now; {retry}. " + e.Message.Split('\n')[0]);
        }
    }

    public const int MaxKeyLength = 200;

    /// <summary>An idempotency key: 1 to <see cref="MaxKeyLength"/> printable characters.</summary>
    public static void ValidateKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw DomainException.Invalid("idempotency.key", $"An idempotency key of 1 to {MaxKeyLength} printable characters is required.", DomainFields.IdempotencyKey);
        }
    }

    /// <summary>The reporter's note of a report, or null.</summary>
    public static string? NoteOf(LedgerEntry entry)
    {
        if (entry.Kind != EntryKind.Report || entry.Body is not { } body)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null;
    }

    /// <summary>What an entry's body says it records: "pairing" or "project" for reports, else a visit or an expert service batch.</summary>
    public static string KindOf(LedgerEntry entry)
    {
        if (entry.Kind != EntryKind.Report || entry.Body is not { } body)
        {
            return "pairing";
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "pairing" : "pairing";
    }
}
