namespace Bijie.Actors.Abstractions;

/// <summary>What a report on a subject counts in, and whether the subject takes reports now.</summary>
/// <param name="SubjectId">The pairing or project id.</param>
/// <param name="Active">Whether it takes reports.</param>
/// <param name="Since">The first date a report may be made for.</param>
/// <param name="Scopes">The roll-ups a report counts in (L:…, T:…, H:…, E:…, S:…).</param>
/// <param name="HelperIds">The helpers whose subject it is.</param>
/// <param name="EnterpriseCode">The enterprise whose subject it is.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportContext")]
public sealed record ReportContext(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] bool Active,
    [property: Id(2)] DateOnly Since,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] IReadOnlyList<string> HelperIds,
    [property: Id(5)] string? EnterpriseCode);

/// <summary>A progress report (进展填报) against a pairing or a project.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportSubmission")]
public sealed record ReportSubmission(
    [property: Id(0)] string? PairingId,
    [property: Id(1)] string? ProjectId,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] IReadOnlyDictionary<string, decimal> Values,
    [property: Id(4)] string IdempotencyKey,
    [property: Id(5)] string? Note = null);

/// <summary>The answer to a report: its id once committed; <see cref="Replayed"/> when the key was seen before.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportReceipt")]
public sealed record ReportReceipt(
    [property: Id(0)] Guid ReportId,
    [property: Id(1)] long Position,
    [property: Id(2)] bool Replayed);

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

/// <summary>
/// A page of standing reports: those with a line in every one of <see cref="Scopes"/> (an organisation's own roll-up
/// and a place's: what it reported there), of one source if <see cref="Source"/> is given (visits record as "visit").
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportPageQuery")]
public sealed record ReportPageQuery(
    [property: Id(0)] IReadOnlyList<string> Scopes,
    [property: Id(1)] int Year,
    [property: Id(2)] int Offset,
    [property: Id(3)] int Limit,
    [property: Id(4)] bool NewestFirst,
    [property: Id(5)] string? Source = null,
    [property: Id(6)] bool CountTotal = true,
    [property: Id(7)] bool? Approved = null,
    [property: Id(8)] string? Indicator = null,
    [property: Id(9)] bool? OnBehalf = null,
    [property: Id(10)] long? ThroughPosition = null);

/// <summary>
/// What a bulk approval did: <see cref="Approved"/> reports approved by this call, <see cref="Remaining"/> still pending in
/// the set (at or below <see cref="Through"/>, the ledger position the set was fixed at, so that reports filed after the
/// office confirmed the count are never approved unseen).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.BulkApproval")]
public sealed record BulkApproval([property: Id(0)] int Approved, [property: Id(1)] int Remaining, [property: Id(2)] long Through);

/// <summary>A page of reports and, when asked for, how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportPage")]
public sealed record ReportPage([property: Id(0)] IReadOnlyList<ReportView> Items, [property: Id(1)] int? Total);

/// <summary>A page of reports with their review and, when asked for, how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReviewPage")]
public sealed record ReviewPage([property: Id(0)] IReadOnlyList<ReviewItem> Items, [property: Id(1)] int? Total);

/// <summary>A report as the ledger holds it.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReportView")]
public sealed record ReportView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] DateOnly Date,
    [property: Id(4)] IReadOnlyDictionary<string, decimal> Values,
    [property: Id(5)] string ReportedBy,
    [property: Id(6)] bool OnBehalf,
    [property: Id(7)] DateTimeOffset RecordedAt,
    [property: Id(8)] Guid? Reverses,
    [property: Id(9)] long Position,
    [property: Id(10)] string SubjectKind = "pairing",
    [property: Id(11)] string? Note = null,
    [property: Id(12)] string? SubjectName = null,
    [property: Id(13)] string? ReporterName = null);

/// <summary>What the office decides of a report.</summary>
public enum ReviewDecision
{
    /// <summary>通过: counted as reviewed.</summary>
    Approve = 0,

    /// <summary>退回: reversed, with the reason sent to the reporter.</summary>
    Return = 1,
}

/// <summary>A report with its review: <see cref="Status"/> is pending, approved or returned.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ReviewItem")]
public sealed record ReviewItem(
    [property: Id(0)] ReportView Report,
    [property: Id(1)] string Status,
    [property: Id(2)] string? ReviewedBy,
    [property: Id(3)] DateTimeOffset? ReviewedAt,
    [property: Id(4)] string? Reason = null);

/// <summary>Review entries' ids: one per report, derived from its id, so an approval is found without a search.</summary>
public static class Reviews
{
    public static Guid ApprovalId(Guid reportId) => Inboxes.NotificationId($"review:{reportId:N}");
}

/// <summary>The programme's time zone: dates, "future", months and years are reckoned in Asia/Shanghai.</summary>
public static class ProgrammeClock
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);
}
