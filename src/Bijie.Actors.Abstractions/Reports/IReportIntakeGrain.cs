namespace Bijie.Actors.Abstractions;

/// <summary>Takes reports, their withdrawals and corrections: validates, commits them to the ledger, and returns once they are durable. Stateless.</summary>
[Alias("Bijie.Actors.IReportIntakeGrain")]
public interface IReportIntakeGrain : IGrainWithIntegerKey
{
    [Alias("Submit")]
    Task<ReportReceipt> SubmitAsync(ReportSubmission report, ActorRef actor);

    /// <summary>
    /// Checks a report as <see cref="SubmitAsync"/> would, without committing it (dry runs of imports, the form before
    /// sending): refuses what a submission would refuse, and answers the warnings it would be accepted with.
    /// </summary>
    [Alias("Check")]
    Task<IReadOnlyList<RuleFinding>> CheckAsync(ReportSubmission report, ActorRef actor);

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
