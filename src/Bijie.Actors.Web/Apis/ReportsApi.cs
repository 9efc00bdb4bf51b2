using Microsoft.AspNetCore.Mvc;

namespace Bijie.Actors.Web.Apis;

/// <summary>Progress reports (进展填报): many reporters at once, each report committed before it is acknowledged.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/reports").WithTags("Reports");
        api.MapPost("/", SubmitAsync).WithName("SubmitReport").RequireAuthorization(Policies.Report)
            .WithSummary("Reports progress on a pairing or project; Idempotency-Key required: the same key again answers 200 with the same report, another body under it 409");
        api.MapPost("/check", CheckAsync).WithName("CheckReport").RequireAuthorization(Policies.Report)
            .WithSummary("Checks a report as a submission would and writes nothing: the same 400/403/409 problems, or 200 with the warnings it would be accepted with (validation rules that warn, outliers), for a form to show before sending");
        api.MapGet("/", ListAsync).WithName("ListReports").RequireAuthorization(Policies.Tenant)
            .WithSummary("The reports that stand (not reversed) in a year, of a pairing, a project or a locality and below; paged. An organisation lists its own, a locality's office those in its place");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetReport").RequireAuthorization(Policies.Tenant)
            .WithSummary("A report as the ledger holds it: the reporter's organisation's, a locality's in its place, the office's any");
        api.MapPost("/{id:guid}/reversal", ReverseAsync).WithName("ReverseReport").RequireAuthorization(Policies.Report)
            .WithSummary("Withdraws a report (a reversal entry), once");
        api.MapPost("/{id:guid}/correction", CorrectAsync).WithName("CorrectReport").RequireAuthorization(Policies.Report)
            .WithSummary("Corrects a report in one operation (Idempotency-Key required): files the corrected report, then reverses the original; a refused correction leaves the original standing");
        api.MapPost("/{id:guid}/review", ReviewAsync).WithName("ReviewReport").RequireAuthorization(Policies.Office)
            .WithSummary("The office's review (审核): Approve, or Return with a reason (the report is reversed and its reporter told)");
        app.MapGet("/api/v1/reviews", ListForReviewAsync).WithTags("Reports").WithName("ListForReview").RequireAuthorization(Policies.Office)
            .WithSummary("The year's standing reports with their review: those accepted with warnings (flags) first, each part newest first, with their subjects' and reporters' names; status=pending|approved, locality=, helper=, enterprise=, pairing= or project=, indicator=, onBehalf= and flagged= narrow; paged");
        app.MapPost("/api/v1/reviews/approval", ApproveManyAsync).WithTags("Reports").WithName("ApproveReports").RequireAuthorization(Policies.Office)
            .WithSummary("Bulk approval of the pending reports a filter selects (as ListForReview's), oldest first, at most limit per call: expected must equal the number pending (else 409 review.count_changed with args.count); later calls pass the answer's through to finish the same set");
        return api;
    }

    public static async Task<Results<Created<ReportReceiptDto>, Ok<ReportReceiptDto>>> SubmitAsync(
        ReportRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user) =>
        ReportReceiptDto.Answer(await grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(body.ToSubmission(idempotencyKey), user.ToActor()));

    /// <summary>A report checked and not written: the warnings it would be accepted with.</summary>
    public static async Task<Ok<ReportCheckDto>> CheckAsync(
        ReportRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(new ReportCheckDto(await grains.GetGrain<IReportIntakeGrain>(0).CheckAsync(body.ToSubmission(idempotencyKey ?? ReportCheckDto.Key), user.ToActor())));

    /// <summary>The reports the reader may list (<see cref="IListings.ReportsAsync"/>), a page at a time.</summary>
    public static Task<Ok<Page<ReportView>>> ListAsync(
        HttpRequest request, IListings listings, ClaimsPrincipal user, string? pairing, string? project, string? locality, int year, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) => listings.ReportsAsync(pairing, project, locality, year, offset, take, user.ToActor()));

    public static async Task<Ok<ReportView>> GetAsync(Guid id, IReportReader reader, ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        return TypedResults.Ok(Visibility.Report(await reader.GetReportAsync(id, actor), actor));
    }

    public static async Task<Ok<ReviewItem>> ReviewAsync(Guid id, ReviewRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IReportReviewGrain>(0).ReviewAsync(id, body.RequiredDecision, body.Reason, user.ToActor()));

    public static Task<Ok<Page<ReviewItem>>> ListForReviewAsync(
        HttpRequest request, IListings listings, string? status, string? pairing, string? project, string? locality,
        string? helper, string? enterprise, string? indicator, bool? onBehalf, int? year, bool? flagged, int? page, int? size) =>
        Listing.PageAsync(request, page, size, (offset, take) =>
            listings.ReviewQueueAsync(new ReviewFilter(pairing, project, locality, helper, enterprise, indicator, onBehalf, year, flagged), status, offset, take));

    public static async Task<Ok<BulkApproval>> ApproveManyAsync(ApproveManyRequest body, IGrainFactory grains, IListings listings, ClaimsPrincipal user)
    {
        var confirmed = body.Confirmed;
        var query = await listings.ReviewQueryAsync(body.Filter ?? new ReviewFilter());
        return TypedResults.Ok(await grains.GetGrain<IReportReviewGrain>(0).ApproveManyAsync(
            query with { ThroughPosition = body.Through }, confirmed, body.Limit ?? 1000, user.ToActor()));
    }

    public static async Task<Results<Created<ReportReceiptDto>, Ok<ReportReceiptDto>>> CorrectAsync(
        Guid id, ReportRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user) =>
        ReportReceiptDto.Answer(await grains.GetGrain<IReportIntakeGrain>(0).CorrectAsync(id, body.ToSubmission(idempotencyKey), user.ToActor()));

    public static async Task<Results<Created<ReportReceiptDto>, Ok<ReportReceiptDto>>> ReverseAsync(
        Guid id, ReversalRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user) =>
        ReportReceiptDto.Answer(await grains.GetGrain<IReportIntakeGrain>(0).ReverseAsync(id, body.Reason ?? "", idempotencyKey ?? "", user.ToActor()));
}
