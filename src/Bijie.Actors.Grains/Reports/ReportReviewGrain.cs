using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Reports;

/// <summary>
/// The office's review (审核) of reports: approves one or a confirmed set (an approval entry each), returns one with
/// a reason (a reversal, and a notice in the reporter's inbox), and pages the queue with each report's review.
/// Stateless and reentrant like the intake: the ledger holds every approval.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class ReportReviewGrain(ILedger ledger, TimeProvider time, Microsoft.Extensions.Options.IOptions<Approvals.ApprovalOptions> approvalOptions)
    : Grain, IReportReviewGrain
{
    public async Task<ReviewPage> ListForReviewPageAsync(ReportPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query is { FlaggedFirst: true, Flagged: null } ? await ReadFlaggedFirstAsync(query) : await ReportPages.ReadAsync(ledger, query);
        // An approval is an entry of its own under an id derived from the report's: one lookup by key for each on the page.
        var items = await Task.WhenAll(page.Entries.Select(async e =>
        {
            var approval = query.Approved == false ? null : await ledger.FindAsync(Reviews.ApprovalId(e.Entry.EntryId));
            return approval is { } a
                ? new ReviewItem(ReportPages.View(e), "approved", a.Entry.Actor, a.Entry.RecordedAt)
                : new ReviewItem(ReportPages.View(e), "pending", null, null);
        }));
        return new ReviewPage(items, page.Total);
    }

    /// <summary>
    /// The flagged reports (accepted with warnings) before the others, each part in the query's order: two reads, the
    /// second starting where the flagged ones end, so the few flagged among many are found by their own index.
    /// </summary>
    private async Task<StandingReportsPage> ReadFlaggedFirstAsync(ReportPageQuery query)
    {
        var flagged = await ReportPages.ReadAsync(ledger, query with { Flagged = true, CountTotal = true });
        var flaggedCount = flagged.Total ?? 0;
        var rest = await ReportPages.ReadAsync(ledger, query with
        {
            Flagged = false, Offset = Math.Max(0, query.Offset - flaggedCount), Limit = query.Limit - flagged.Entries.Count,
        });
        return new StandingReportsPage([.. flagged.Entries, .. rest.Entries], query.CountTotal ? flaggedCount + (rest.Total ?? 0) : null);
    }

    /// <summary>Appends the approval entry of a standing report; an approval committed meanwhile by another is read back.</summary>
    private async Task<ReviewItem> ApproveAsync(StoredEntry original, ActorRef actor)
    {
        var reportId = original.Entry.EntryId;
        var body = JsonSerializer.Serialize(new { reviews = reportId, decision = "approved" });
        var entry = LedgerEntry.ReviewOf(Reviews.ApprovalId(reportId), original.Entry, time.GetUtcNow(), actor.Id, body,
            original.Entry.Lines.Where(l => l.Member is null).Select(l => l with { Indicator = Indicators.Reviewed(l.Indicator) }).ToArray());
        var result = await LedgerEntries.AppendAsync(ledger, entry);
        // Only an approval someone else committed meanwhile needs reading back for who and when.
        var stored = result.Outcome == AppendOutcome.Committed ? null : await ledger.FindAsync(result.EntryId);
        return new ReviewItem(ReportPages.View(original), "approved", stored?.Entry.Actor ?? actor.Id, stored?.Entry.RecordedAt ?? entry.RecordedAt);
    }

    public async Task<BulkApproval> ApproveManyAsync(ReportPageQuery query, int? expected, int limit, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("review.forbidden", "The programme office reviews reports.");
        }

        if (limit is < 1 or > 5000)
        {
            throw DomainException.Invalid("review.limit", "A bulk approval approves 1 to 5000 reports per request.", "limit");
        }

        // The set is fixed at a ledger position: what is filed after the office saw the count is not approved unseen.
        var through = query.ThroughPosition ?? await ledger.HeadAsync();
        var pending = query with { ThroughPosition = through, Approved = false, NewestFirst = false, Offset = 0 };
        if (expected is { } count)
        {
            var total = (await ReportPages.ReadAsync(ledger, pending with { Limit = 0 })).Total ?? 0;
            if (total != count)
            {
                throw DomainException.Conflict("review.count_changed",
                    $"{total} reports are pending in this selection now, not {count}: confirm the new number.", "expected").With("count", total);
            }
        }

        var approved = 0;
        while (approved < limit)
        {
            // Approved reports leave the pending set, so the next chunk is always at offset 0.
            var chunk = await ReportPages.ReadAsync(ledger, pending with { Limit = Math.Min(200, limit - approved), CountTotal = false });
            if (chunk.Entries.Count == 0)
            {
                break;
            }

            await Task.WhenAll(chunk.Entries.Select(e => ApproveAsync(e, actor)));
            approved += chunk.Entries.Count;
        }

        var remaining = (await ReportPages.ReadAsync(ledger, pending with { Limit = 0 })).Total ?? 0;
        return new BulkApproval(approved, remaining, through);
    }

    public async Task<ReviewItem> ReviewAsync(Guid reportId, ReviewDecision decision, string? reason, ActorRef actor)
    {
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("review.forbidden", "The programme office reviews reports.");
        }

        var original = await ledger.FindAsync(reportId);
        if (original is not { Entry.Kind: EntryKind.Report })
        {
            throw DomainException.NotFound("report.unknown", $"No report '{reportId}'.", "reportId");
        }

        var approval = await ledger.FindAsync(Reviews.ApprovalId(reportId));
        var reversed = await ledger.IsReversedAsync(reportId);
        if (decision == ReviewDecision.Approve)
        {
            if (approval is not null)
            {
                return new ReviewItem(ReportPages.View(original), "approved", approval.Entry.Actor, approval.Entry.RecordedAt);
            }

            if (reversed)
            {
                throw DomainException.Conflict("review.reversed", $"Report '{reportId}' was reversed or returned; there is nothing to approve.", "reportId");
            }

            return await ApproveAsync(original, actor);
        }

        if (approval is not null)
        {
            throw DomainException.Conflict("review.approved", $"Report '{reportId}' was approved; correct it by a reversal and a new report.", "reportId");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw DomainException.Invalid("review.reason", "A returned report needs a reason of at most 500 characters, for the reporter.", "reason");
        }

        if (!reversed)
        {
            // A report of an approved batch (逐级审核) is returned only after the approval is taken back: a return takes figures out of it.
            if ((await Approvals.ApprovalLocks.CheckAsync(GrainFactory, ReportPages.ScopesOf(original.Entry), original.Entry.OccurredOn, approvalOptions.Value.UnitLevel,
                    ProgrammeClock.Today(time))).Locked)
            {
                throw DomainException.Conflict("report.period_approved",
                    "The figures of this report's quarter and place are approved; returning it needs the approval taken back first.", "reportId");
            }

            var result = await LedgerEntries.AppendAsync(ledger, LedgerEntries.Reversal(original, $"退回 · returned: {reason.Trim()}", actor, time.GetUtcNow()));
            if (result.Outcome == AppendOutcome.KeyReused)
            {
                throw DomainException.Conflict("review.reversed", $"Report '{reportId}' was reversed already.", "reportId");
            }
        }

        await NotifyReturnedAsync(original.Entry, reason.Trim());
        return new ReviewItem(ReportPages.View(original), "returned", actor.Id, time.GetUtcNow(), reason.Trim());
    }

    /// <summary>The reporter's inbox hears of a returned report: the enterprise's, else the helpers' of the subject.</summary>
    private async Task NotifyReturnedAsync(LedgerEntry report, string reason)
    {
        var scopes = report.Lines.SelectMany(l => l.Scopes).Distinct().ToArray();
        var inboxes = Scopes.IdsOf(scopes, ScopeKind.Enterprise).Select(Inboxes.Enterprise).ToArray();
        if (inboxes.Length == 0)
        {
            inboxes = Scopes.IdsOf(scopes, ScopeKind.Helper).Select(Inboxes.Helper).ToArray();
        }

        var values = string.Join("，", report.Values().Select(v => $"{(Indicators.Find(v.Key)?.NameZh ?? v.Key)} {v.Value:0.##}"));
        // The notice names what was returned and points at the report, whose figures the reporter corrects and files again.
        var kind = LedgerEntries.KindOf(report) == "project" ? "project" : "pairing";
        var notice = new Notification(Inboxes.NotificationId($"returned:{report.EntryId:N}"), "report.returned",
            $"填报被退回：{await SubjectNameAsync(report.SubjectId, kind)}（{report.OccurredOn:yyyy-MM-dd}）", $"{values}。退回理由 · reason: {reason}",
            NoticeTarget.ReturnedReport(kind, report.SubjectId, report.EntryId), time.GetUtcNow(), false);
        await Task.WhenAll(inboxes.Select(i => GrainFactory.GetGrain<IInboxGrain>(i).NotifyAsync(notice)));
    }

    /// <summary>A pairing's two sides or a project's title, as a reporter reads it; the id when a name cannot be read.</summary>
    private async Task<string> SubjectNameAsync(string subjectId, string kind)
    {
        try
        {
            return await GrainFactory.SubjectNameAsync(subjectId, kind) ?? subjectId;
        }
        catch (DomainException)
        {
            return subjectId;
        }
    }
}
