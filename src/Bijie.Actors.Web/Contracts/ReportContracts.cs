namespace Bijie.Actors.Web.Contracts;

/// <summary>
/// The body of <c>POST /api/v1/reviews/approval</c>: the filter, the number the office confirmed (first call) or the
/// position the set was fixed at (later calls), and how many to approve in this call (1–5000, 1000 by default).
/// </summary>
public sealed record ApproveManyRequest(ReviewFilter? Filter, int? Expected, long? Through, int? Limit)
{
    /// <summary>The count confirmed for a first call (a continuation passes <see cref="Through"/> instead and confirms nothing again).</summary>
    public int? Confirmed => Through is not null ? null
        : Expected ?? throw DomainException.Invalid("review.expected", "Say how many reports you confirmed (expected), or continue a bulk approval (through).", "expected");
}

/// <summary>The body of <c>POST /api/v1/reports/{id}/review</c>.</summary>
public sealed record ReviewRequest(ReviewDecision? Decision, string? Reason)
{
    public ReviewDecision RequiredDecision => Decision ?? throw DomainException.Invalid("review.decision", "decision is Approve or Return.", "decision");
}

/// <summary>The body of <c>POST /api/v1/reports</c>.</summary>
public sealed record ReportRequest(string? PairingId, string? ProjectId, DateOnly Date, IReadOnlyDictionary<string, decimal>? Values, string? Note)
{
    public ReportSubmission ToSubmission(string? idempotencyKey) =>
        new(PairingId, ProjectId, Date, Values ?? new Dictionary<string, decimal>(), idempotencyKey ?? "", Note);
}

/// <summary>The body of <c>POST /api/v1/reports/{id}/reversal</c>.</summary>
public sealed record ReversalRequest(string? Reason);

/// <summary>
/// The answer to a report: its id once committed, and the warnings of the office's validation rules it breaks (it was
/// accepted; a blocking rule refuses a report with 400 <c>report.rule</c> instead).
/// </summary>
public sealed record ReportReceiptDto(Guid Id, long Position, bool Replayed, IReadOnlyList<RuleFinding> Warnings)
{
    /// <summary>201 with the report's address for a new entry, 200 for a replay of the same Idempotency-Key.</summary>
    public static Results<Created<ReportReceiptDto>, Ok<ReportReceiptDto>> Answer(ReportReceipt receipt)
    {
        var dto = new ReportReceiptDto(receipt.ReportId, receipt.Position, receipt.Replayed, receipt.Warnings ?? []);
        return receipt.Replayed ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/reports/{receipt.ReportId}", dto);
    }
}

/// <summary>The answer of <c>POST /api/v1/reports/check</c>: the warnings the report would be accepted with (none: it is fine as it is).</summary>
public sealed record ReportCheckDto(IReadOnlyList<RuleFinding> Warnings)
{
    /// <summary>The idempotency key a check stands in when the form sends none: nothing is written under it.</summary>
    public const string Key = "check";
}
