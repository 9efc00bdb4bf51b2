namespace Bijie.Actors.Abstractions;

/// <summary>The office's review (审核) of reports, one at a time or a confirmed set, and the queue it works from. Stateless.</summary>
[Alias("Bijie.Actors.IReportReviewGrain")]
public interface IReportReviewGrain : IGrainWithIntegerKey
{
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
}
