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
        api.MapGet("/", ListAsync).WithName("ListReports").RequireAuthorization(Policies.Read)
            .WithSummary("The reports that stand (not reversed) in a year, of a pairing, a project or a locality and below; paged");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetReport").RequireAuthorization(Policies.Read).WithSummary("A report as the ledger holds it");
        api.MapPost("/{id:guid}/reversal", ReverseAsync).WithName("ReverseReport").RequireAuthorization(Policies.Report)
            .WithSummary("Reverses a report (a correction is a reversal and a new report), once");
        api.MapPost("/{id:guid}/review", ReviewAsync).WithName("ReviewReport").RequireAuthorization(Policies.Office)
            .WithSummary("The office's review (审核): Approve, or Return with a reason (the report is reversed and its reporter told)");
        app.MapGet("/api/v1/reviews", ListForReviewAsync).WithTags("Reports").WithName("ListForReview").RequireAuthorization(Policies.Office)
            .WithSummary("The year's standing reports with their review; status=pending|approved, locality=, pairing= or project= narrow; paged");
        return api;
    }

    public static async Task<Results<Created<ReportReceiptDto>, Ok<ReportReceiptDto>>> SubmitAsync(
        ReportRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        var submission = new ReportSubmission(body.PairingId, body.ProjectId, body.Date, body.Values ?? new Dictionary<string, decimal>(), idempotencyKey ?? "", body.Note);
        var receipt = await grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(submission, user.ToActor());
        var dto = new ReportReceiptDto(receipt.ReportId, receipt.Position, receipt.Replayed);
        return receipt.Replayed ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/reports/{receipt.ReportId}", dto);
    }

    public static async Task<Ok<Page<ReportView>>> ListAsync(HttpRequest request, IGrainFactory grains, string? pairing, string? project, string? locality, int year, int? page, int? size)
    {
        var (p, s) = Listing.Paging(page, size);
        var scope = (pairing, project) switch
        {
            ({ } id, null) => Scopes.Subject(id),
            (null, { } id) => Scopes.Subject(id),
            (null, null) => (await Listing.ScopesAsync(grains, locality, null, null))[0],
            _ => throw DomainException.Invalid("report.filter", "Filter by a pairing or a project, not both.", "pairing"),
        };
        var reports = await grains.GetGrain<IReportIntakeGrain>(0).ListStandingAsync(scope, year);
        return TypedResults.Ok(new Page<ReportView>(reports.Skip((p - 1) * s).Take(s).ToArray(), Listing.NextLink(request, p, s, reports.Count), reports.Count));
    }

    public static async Task<Ok<ReportView>> GetAsync(Guid id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IReportIntakeGrain>(0).GetReportAsync(id));

    public static async Task<Ok<ReviewItem>> ReviewAsync(Guid id, ReviewRequest body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IReportIntakeGrain>(0).ReviewAsync(id,
            body.Decision ?? throw DomainException.Invalid("review.decision", "decision is Approve or Return.", "decision"), body.Reason, user.ToActor()));

    public static async Task<Ok<Page<ReviewItem>>> ListForReviewAsync(
        HttpRequest request, IGrainFactory grains, TimeProvider time, string? status, string? pairing, string? project, string? locality, int? year, int? page, int? size)
    {
        var (p, s) = Listing.Paging(page, size);
        if (status is not (null or "pending" or "approved"))
        {
            throw DomainException.Invalid("review.status", "status is pending or approved.", "status");
        }

        var scope = (pairing ?? project) is { } subject ? Scopes.Subject(subject) : (await Listing.ScopesAsync(grains, locality, null, null))[0];
        var items = (await grains.GetGrain<IReportIntakeGrain>(0).ListForReviewAsync(scope, year ?? ProgrammeClock.Today(time).Year))
            .Where(i => status is null || i.Status == status).Reverse().ToArray(); // newest first
        return TypedResults.Ok(new Page<ReviewItem>(items.Skip((p - 1) * s).Take(s).ToArray(), Listing.NextLink(request, p, s, items.Length), items.Length));
    }

    public static async Task<Results<Created<ReportReceiptDto>, Ok<ReportReceiptDto>>> ReverseAsync(
        Guid id, ReversalRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IGrainFactory grains, ClaimsPrincipal user)
    {
        var receipt = await grains.GetGrain<IReportIntakeGrain>(0).ReverseAsync(id, body.Reason ?? "", idempotencyKey ?? "", user.ToActor());
        var dto = new ReportReceiptDto(receipt.ReportId, receipt.Position, receipt.Replayed);
        return receipt.Replayed ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/reports/{receipt.ReportId}", dto);
    }
}

/// <summary>The body of <c>POST /api/v1/reports/{id}/review</c>.</summary>
public sealed record ReviewRequest(ReviewDecision? Decision, string? Reason);

/// <summary>The body of <c>POST /api/v1/reports</c>.</summary>
public sealed record ReportRequest(string? PairingId, string? ProjectId, DateOnly Date, IReadOnlyDictionary<string, decimal>? Values, string? Note);

/// <summary>The body of <c>POST /api/v1/reports/{id}/reversal</c>.</summary>
public sealed record ReversalRequest(string? Reason);

/// <summary>The answer to a report: its id once committed.</summary>
public sealed record ReportReceiptDto(Guid Id, long Position, bool Replayed);
