using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Bijie.Actors.Grains.Validation;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Reports;

/// <summary>
/// Takes reports on the silo that received them (and their withdrawals and corrections): checks the values, asks the pairing or project what the report
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
    Microsoft.Extensions.Options.IOptions<ValidationOptions> validation,
    Microsoft.Extensions.Options.IOptions<Approvals.ApprovalOptions> approval,
    PeerSpreads peers,
    ValidationRulesCache rules) : Grain, IReportIntakeGrain
{
    private static readonly DateOnly Earliest = new(1988, 6, 9); // the Bijie pilot zone's approval: nothing is older

    public async Task<ReportReceipt> SubmitAsync(ReportSubmission report, ActorRef actor)
    {
        var (entry, warnings) = await PrepareAsync(report, actor);
        return Answer(await LedgerEntries.AppendAsync(ledger, entry), report.IdempotencyKey) with { Warnings = warnings };
    }

    public async Task<IReadOnlyList<RuleFinding>> CheckAsync(ReportSubmission report, ActorRef actor) => (await PrepareAsync(report, actor)).Warnings;

    /// <summary>
    /// Validates a report and builds its ledger entry; refuses what the ledger must never hold, and what a blocking
    /// rule of the office's catalogue refuses. The warnings of the other rules are answered with the receipt.
    /// </summary>
    private async Task<(LedgerEntry Entry, IReadOnlyList<RuleFinding> Warnings)> PrepareAsync(ReportSubmission report, ActorRef actor)
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
        await CheckApprovedAsync(subjectId, report.Date, context.Scopes, actor, "date", exceptionLetsIn: true);
        var today = ProgrammeClock.Today(time);
        var findings = new List<RuleFinding>(await ValidationRules.EvaluateAsync(
            await rules.GetAsync(), values, report.Date, today, async () =>
            {
                // Asked once, and only when a not-above rule needs the subject's totals.
                var board = await GrainFactory.GetGrain<IScopeGrain>(Scopes.Subject(subjectId)).GetBoardAsync(report.Date.Year);
                return indicator => board.Figures.FirstOrDefault(f => f.Indicator == indicator)?.Value ?? 0;
            }));
        if (findings.FirstOrDefault(f => f.Severity == RuleSeverity.Block) is { } blocked)
        {
            throw DomainException.Invalid("report.rule", $"{blocked.MessageZh} ({blocked.MessageEn}; rule '{blocked.RuleId}').",
                blocked.Indicator.Length == 0 ? "date" : $"values.{blocked.Indicator}");
        }

        if (validation.Value.Outliers)
        {
            var words = report.PairingId is null ? ("项目", "project") : ("结对", "pairing");
            try
            {
                findings.AddRange(await new OutlierCheck(validation.Value, peers).FindAsync(subjectId, words, context, report.Date, values,
                    GrainFactory.GetGrain<IScopeGrain>(Scopes.Subject(subjectId))).WaitAsync(validation.Value.OutlierBudget));
            }
            catch (Exception e) when (e is not DomainException and not OperationCanceledException)
            {
                // A flag is advice: figures that cannot be read now (a store down) or in time (OutlierBudget) flag nothing,
                // and the report goes on to the ledger, which commits it or answers 503 itself.
            }
        }

        return (ReportChecks.Entry(report, subjectId, values, context.Scopes, actor, onBehalf, time.GetUtcNow(), findings), findings);
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

    /// <summary>
    /// A batch approved at any level is locked (逐级审核): a report of its period needs the office's exception, and a
    /// withdrawal or correction needs the approval taken back first. Approvals come only after a period ends, so a report
    /// of a running period asks nothing; the demo's load is not held.
    /// </summary>
    private async Task CheckApprovedAsync(string subjectId, DateOnly date, IEnumerable<string> scopes, ActorRef actor, string field, bool exceptionLetsIn)
    {
        if (actor.Role == ActorRole.System)
        {
            return;
        }

        var (period, locked) = await Approvals.ApprovalLocks.CheckAsync(GrainFactory, scopes, date, approval.Value.UnitLevel, ProgrammeClock.Today(time));
        if (!locked || (exceptionLetsIn && await GrainFactory.GetGrain<IReportingPeriodGrain>(period).HasExceptionAsync(subjectId)))
        {
            return;
        }

        throw exceptionLetsIn
            ? DomainException.Conflict("report.period_approved",
                $"The figures of {period} for this place are approved; reporting on '{subjectId}' for it needs an exception from the programme office.", field)
            : DomainException.Conflict("report.period_approved",
                $"The figures of {period} for this place are approved; withdrawing or correcting a report of it needs the approval taken back first.", field);
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
        if (original is not { Entry.Kind: EntryKind.Report } || !Access.Owns(actor, ReportPages.ScopesOf(original.Entry)))
        {
            throw DomainException.NotFound("report.unknown", $"No report '{reportId}'.", "reportId");
        }

        await CheckPeriodAsync(original.Entry.SubjectId, original.Entry.OccurredOn, actor, "reportId");
        await CheckApprovedAsync(original.Entry.SubjectId, original.Entry.OccurredOn, ReportPages.ScopesOf(original.Entry), actor, "reportId", exceptionLetsIn: false);
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
        var (entry, _) = await PrepareAsync(correction, actor);
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

    private static ReportReceipt Answer(AppendResult result, string key) => result.Outcome switch
    {
        AppendOutcome.Committed => new ReportReceipt(result.EntryId, result.Position, Replayed: false),
        AppendOutcome.Duplicate => new ReportReceipt(result.EntryId, result.Position, Replayed: true),
        _ => throw DomainException.Conflict("idempotency.key_reused", $"The idempotency key '{key}' was used before for another request.", DomainFields.IdempotencyKey),
    };

    private static DomainException Forbidden(string subjectId) =>
        DomainException.Forbidden("report.forbidden", $"You may not report on '{subjectId}'.");
}
