using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Reports;

/// <summary>
/// Takes reports on the silo that received them: checks the values, asks the pairing or project what the report
/// counts in, and appends it to the ledger, returning once the commit is durable. Stateless, so every silo runs
/// as many as it needs and no grain sits on the write path of every report. Reentrant: it keeps nothing between
/// calls, and a worker that took one report at a time would wait out each commit (a stateless worker has one
/// activation per core: two here, so at most two reports in flight per silo, whatever the load).
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class ReportIntakeGrain(
    ILedger ledger,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Periods.ReportingOptions> reporting,
    Microsoft.Extensions.Logging.ILogger<ReportIntakeGrain> logger) : Grain, IReportIntakeGrain
{
    private static readonly DateOnly Earliest = new(1988, 6, 9); // the Bijie pilot zone's approval: nothing is older

    public async Task<ReportReceipt> SubmitAsync(ReportSubmission report, ActorRef actor) =>
        Answer(await LedgerEntries.AppendAsync(ledger, await PrepareAsync(report, actor)), report.IdempotencyKey);

    public async Task CheckAsync(ReportSubmission report, ActorRef actor) => await PrepareAsync(report, actor);

    public async Task<IReadOnlyList<TickerItem>> GetLatestAsync(string scope, int year, int count)
    {
        var latest = await ledger.ReadStandingReportsAsync(new StandingReportsQuery([scope], (short)year, 0, count, NewestFirst: true, CountTotal: false));
        return await Task.WhenAll(latest.Entries.Select(e => Live.Ticker.ItemAsync(GrainFactory, e.Entry, logger)));
    }

    public async Task<ReportPage> ListStandingPageAsync(ReportPageQuery query)
    {
        var page = await ReadPageAsync(query);
        return new ReportPage(page.Entries.Select(View).ToArray(), page.Total);
    }

    public async Task<ReviewPage> ListForReviewPageAsync(ReportPageQuery query)
    {
        var page = await ReadPageAsync(query);
        // An approval is an entry of its own under an id derived from the report's: one lookup by key for each on the page.
        var items = await Task.WhenAll(page.Entries.Select(async e =>
        {
            var approval = query.Approved == false ? null : await ledger.FindAsync(Reviews.ApprovalId(e.Entry.EntryId));
            return approval is { } a
                ? new ReviewItem(View(e), "approved", a.Entry.Actor, a.Entry.RecordedAt)
                : new ReviewItem(View(e), "pending", null, null);
        }));
        return new ReviewPage(items, page.Total);
    }

    private Task<StandingReportsPage> ReadPageAsync(ReportPageQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Scopes.Count == 0 || query.Limit is < 0 or > 1000 || query.Offset < 0 || query.Year is < 1988 or > 9999)
        {
            throw DomainException.Invalid("report.page", "A page names at least one scope, a year, and at most 1000 reports.", "size");
        }

        return ledger.ReadStandingReportsAsync(new StandingReportsQuery(
            query.Scopes.Distinct(StringComparer.Ordinal).ToArray(), (short)query.Year, query.Offset, query.Limit, query.NewestFirst, query.Source,
            query.CountTotal, query.Approved, query.Indicator, query.OnBehalf, query.ThroughPosition));
    }

    /// <summary>Validates a report and builds its ledger entry; refuses what the ledger must never hold.</summary>
    private async Task<LedgerEntry> PrepareAsync(ReportSubmission report, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        var (subjectId, values) = ReportChecks.Check(report, ProgrammeClock.Today(time));
        ReportContext context;
        try
        {
            context = report.PairingId is not null
                ? await GrainFactory.GetGrain<IPairingGrain>(subjectId).GetReportContextAsync()
                : await GrainFactory.GetGrain<IProjectGrain>(subjectId).GetReportContextAsync();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            // In a body an unknown reference is bad input (400), not a missing resource.
            throw DomainException.Invalid(e.Code, e.Message, e.Field);
        }

        // Whose subject it is comes first: a stranger learns nothing of its state (active, started when).
        var onBehalf = actor.Role switch
        {
            ActorRole.Helper => context.HelperIds.Contains(actor.OrganizationId) ? false : throw Forbidden(subjectId),
            ActorRole.Enterprise => context.EnterpriseCode == actor.OrganizationId ? false : throw Forbidden(subjectId),
            ActorRole.Office or ActorRole.Admin or ActorRole.System => true,
            _ => throw Forbidden(subjectId),
        };

        if (!context.Active)
        {
            throw DomainException.Conflict("report.subject_not_active", $"'{subjectId}' is not active and takes no reports.", report.PairingId is null ? "projectId" : "pairingId");
        }

        if (report.Date < context.Since || report.Date < Earliest)
        {
            throw DomainException.Invalid("report.date_before_start", $"'{subjectId}' started on {context.Since:yyyy-MM-dd}; a report cannot be dated earlier.", "date");
        }

        await CheckPeriodAsync(subjectId, report.Date, actor, "date");
        return ReportChecks.Entry(report, subjectId, values, context.Scopes, actor, onBehalf, time.GetUtcNow());
    }

    /// <summary>
    /// A helper or enterprise reports on (or withdraws a report of) a closed period only with the office's exception
    /// for that subject. Only late reports ask the period's grain: the default deadline is computed here.
    /// </summary>
    private async Task CheckPeriodAsync(string subjectId, DateOnly date, ActorRef actor, string field)
    {
        var rules = reporting.Value.Rules;
        var period = ReportingPeriods.Of(date);
        if (actor.ManagesEverything || !rules.Closes(date) || ProgrammeClock.Today(time) <= rules.DefaultDeadline(period))
        {
            return;
        }

        if (!await GrainFactory.GetGrain<IReportingPeriodGrain>(period).AcceptsAsync(subjectId))
        {
            var deadline = (await GrainFactory.GetGrain<IReportingPeriodGrain>(period).GetAsync()).Deadline;
            throw DomainException.Conflict("report.period_closed",
                $"The reporting period {period} closed on {deadline:yyyy-MM-dd}; reporting on '{subjectId}' for it needs an exception from the programme office.", field);
        }
    }

    public async Task<ReportView> GetReportAsync(Guid reportId, ActorRef reader)
    {
        var stored = await ledger.FindAsync(reportId);
        if (stored is not { Entry.Kind: EntryKind.Report or EntryKind.Reversal } || !Access.Owns(reader, ScopesOf(stored.Entry)))
        {
            throw DomainException.NotFound("report.unknown", $"No report '{reportId}'.", "reportId");
        }

        return View(stored);
    }

    private static IEnumerable<string> ScopesOf(LedgerEntry entry) => entry.Lines.SelectMany(l => l.Scopes);

    private static ReportView View(StoredEntry stored)
    {
        var e = stored.Entry;
        var subjectKind = LedgerEntries.KindOf(e);

        return new ReportView(e.EntryId, e.Kind == EntryKind.Report ? "report" : "reversal", e.SubjectId, e.OccurredOn,
            e.Values(),
            e.Actor, e.OnBehalf, e.RecordedAt, e.Reverses, stored.Position, subjectKind, LedgerEntries.NoteOf(e));
    }

    public async Task<ReportReceipt> ReverseAsync(Guid reportId, string reason, string idempotencyKey, ActorRef actor)
    {
        LedgerEntries.ValidateKey(idempotencyKey);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw DomainException.Invalid("reversal.reason", "A reversal needs a reason of at most 500 characters.", "reason");
        }

        var original = await FindReversibleAsync(reportId, actor);
        var result = await LedgerEntries.AppendAsync(ledger, await LedgerEntries.ReversalAsync(ledger, original, reason.Trim(), actor, time.GetUtcNow()));
        return result.Outcome == AppendOutcome.KeyReused
            ? throw DomainException.Conflict("report.already_reversed", $"Report '{reportId}' was reversed already.", "reportId")
            : Answer(result, idempotencyKey);
    }

    /// <summary>
    /// A report the actor may take back: its own organisation's (another's is "not there", before anything is said of
    /// its state), a report rather than a visit or a service batch, in a period still open to the actor.
    /// </summary>
    private async Task<StoredEntry> FindReversibleAsync(Guid reportId, ActorRef actor)
    {
        var original = await ledger.FindAsync(reportId);
        if (original is not { Entry.Kind: EntryKind.Report } || !Access.Owns(actor, ScopesOf(original.Entry)))
        {
            throw DomainException.NotFound("report.unknown", $"No report '{reportId}'.", "reportId");
        }

        await CheckPeriodAsync(original.Entry.SubjectId, original.Entry.OccurredOn, actor, "reportId");
        return LedgerEntries.KindOf(original.Entry) switch
        {
            EngagementRules.VisitKind => throw DomainException.Conflict("report.is_visit", "This entry records a research visit: withdraw the visit instead.", "reportId"),
            EngagementRules.ServiceBatchKind => throw DomainException.Conflict("report.is_service_batch", "This entry records an expert service batch: withdraw the batch instead.", "reportId"),
            _ => original,
        };
    }

    public async Task<ReportReceipt> CorrectAsync(Guid reportId, ReportSubmission correction, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(correction);
        LedgerEntries.ValidateKey(correction.IdempotencyKey);
        var original = await FindReversibleAsync(reportId, actor);
        var entry = await PrepareAsync(correction, actor);
        if (entry.SubjectId != original.Entry.SubjectId)
        {
            throw DomainException.Invalid("correction.subject", "A correction reports on the same pairing or project as the report it corrects.", correction.PairingId is null ? "projectId" : "pairingId");
        }

        // The new report is filed first and the old one reversed after, so that a refusal or a failure between the two
        // never leaves the subject with neither. Both steps are idempotent: a retry with the same key finds the report it
        // filed, and the reversal, keyed by the original's id, is made once.
        if (await ledger.IsReversedAsync(reportId))
        {
            var filed = await ledger.FindByKeyAsync(entry.IdempotencyScope, entry.IdempotencyKey);
            var reversal = await ledger.FindByKeyAsync("reversal", reportId.ToString("N"));
            if (filed is null || reversal?.Entry.Body is not { } body || !body.Contains(filed.Entry.EntryId.ToString(), StringComparison.Ordinal))
            {
                throw DomainException.Conflict("report.already_reversed", "This report was withdrawn, returned or corrected already; file a new report instead.", "reportId");
            }

            return Answer(new AppendResult(filed.Entry.RequestHash.AsSpan().SequenceEqual(entry.RequestHash) ? AppendOutcome.Duplicate : AppendOutcome.KeyReused,
                filed.Entry.EntryId, filed.Position), correction.IdempotencyKey);
        }

        var receipt = Answer(await LedgerEntries.AppendAsync(ledger, entry), correction.IdempotencyKey);
        await LedgerEntries.AppendAsync(ledger,
            await LedgerEntries.ReversalAsync(ledger, original, "更正 · corrected", actor, time.GetUtcNow(), receipt.ReportId),
            "retry the correction with the same idempotency key: the new report is filed, the old one is reversed once");
        return receipt;
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
        return new ReviewItem(View(original), "approved", stored?.Entry.Actor ?? actor.Id, stored?.Entry.RecordedAt ?? entry.RecordedAt);
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
            var total = (await ReadPageAsync(pending with { Limit = 0 })).Total ?? 0;
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
            var chunk = await ReadPageAsync(pending with { Limit = Math.Min(200, limit - approved), CountTotal = false });
            if (chunk.Entries.Count == 0)
            {
                break;
            }

            await Task.WhenAll(chunk.Entries.Select(e => ApproveAsync(e, actor)));
            approved += chunk.Entries.Count;
        }

        var remaining = (await ReadPageAsync(pending with { Limit = 0 })).Total ?? 0;
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
                return new ReviewItem(View(original), "approved", approval.Entry.Actor, approval.Entry.RecordedAt);
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
            var result = await LedgerEntries.AppendAsync(ledger, LedgerEntries.Reversal(original, $"退回 · returned: {reason.Trim()}", actor, time.GetUtcNow()));
            if (result.Outcome == AppendOutcome.KeyReused)
            {
                throw DomainException.Conflict("review.reversed", $"Report '{reportId}' was reversed already.", "reportId");
            }
        }

        await NotifyReturnedAsync(original.Entry, reason.Trim());
        return new ReviewItem(View(original), "returned", actor.Id, time.GetUtcNow(), reason.Trim());
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

    private static ReportReceipt Answer(AppendResult result, string key) => result.Outcome switch
    {
        AppendOutcome.Committed => new ReportReceipt(result.EntryId, result.Position, Replayed: false),
        AppendOutcome.Duplicate => new ReportReceipt(result.EntryId, result.Position, Replayed: true),
        _ => throw DomainException.Conflict("idempotency.key_reused", $"The idempotency key '{key}' was used before for another request.", DomainFields.IdempotencyKey),
    };

    private static DomainException Forbidden(string subjectId) =>
        DomainException.Forbidden("report.forbidden", $"You may not report on '{subjectId}'.");
}
