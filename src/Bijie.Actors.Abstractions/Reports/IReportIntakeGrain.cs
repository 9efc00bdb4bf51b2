namespace Bijie.Actors.Abstractions;

/// <summary>Takes reports: validates, commits them to the ledger, and returns once they are durable. One per silo, stateless.</summary>
[Alias("Bijie.Actors.IReportIntakeGrain")]
public interface IReportIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>The latest standing reports of a year in a scope, newest first, named for the boards' ticker.</summary>
    [Alias("GetLatest")]
    Task<IReadOnlyList<TickerItem>> GetLatestAsync(string scope, int year, int count);

    [Alias("Submit")]
    Task<ReportReceipt> SubmitAsync(ReportSubmission report, ActorRef actor);

    /// <summary>Checks a report as <see cref="SubmitAsync"/> would, without committing it (dry runs of imports).</summary>
    [Alias("Check")]
    Task CheckAsync(ReportSubmission report, ActorRef actor);

    /// <summary>One page of the standing reports with a line in every scope asked for, read as a page from the ledger.</summary>
    [Alias("ListStandingPage")]
    Task<ReportPage> ListStandingPageAsync(ReportPageQuery query);

    /// <summary>A report (or reversal) as the ledger holds it, when the reader may see it (<see cref="Access.Owns"/>); else NotFound.</summary>
    [Alias("GetReportFor")]
    Task<ReportView> GetReportAsync(Guid reportId, ActorRef reader);

    /// <summary>The office's review (审核): approve, or return with a reason (a reversal, and a notice to the reporter).</summary>
    [Alias("Review")]
    Task<ReviewItem> ReviewAsync(Guid reportId, ReviewDecision decision, string? reason, ActorRef actor);

    /// <summary>One page of the standing reports with their review (<see cref="ReportPageQuery.Approved"/> narrows), read as a page from the ledger.</summary>
    [Alias("ListForReviewPage")]
    Task<ReviewPage> ListForReviewPageAsync(ReportPageQuery query);

    /// <summary>
    /// Approves at most <paramref name="limit"/> of the pending reports <paramref name="query"/> selects (oldest first),
    /// up to its <see cref="ReportPageQuery.ThroughPosition"/> (the ledger's head when not given). When
    /// <paramref name="expected"/> is given it must equal the number pending in the set, else nothing is approved and the
    /// answer is a conflict carrying the count: the office confirmed a number and gets that number or nothing.
    /// </summary>
    [Alias("ApproveMany")]
    Task<BulkApproval> ApproveManyAsync(ReportPageQuery query, int? expected, int limit, ActorRef actor);

    /// <summary>Reverses a report (a correction is a reversal and a new report); idempotent by key.</summary>
    [Alias("Reverse")]
    Task<ReportReceipt> ReverseAsync(Guid reportId, string reason, string idempotencyKey, ActorRef actor);

    /// <summary>
    /// Corrects a report: files <paramref name="correction"/> (same subject) and then reverses the original, so the original
    /// is never lost to a refusal or a failure; idempotent by the correction's key. Answers the new report's receipt.
    /// </summary>
    [Alias("Correct")]
    Task<ReportReceipt> CorrectAsync(Guid reportId, ReportSubmission correction, ActorRef actor);
}
