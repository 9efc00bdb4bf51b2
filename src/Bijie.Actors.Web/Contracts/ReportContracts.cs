using Microsoft.AspNetCore.Mvc;

namespace Bijie.Actors.Web.Contracts;

/// <summary>
/// The body of <c>POST /api/v1/reviews/approval</c>: the filter, the number the office confirmed (first call) or the
/// position the set was fixed at (later calls), and how many to approve in this call (1–5000, 1000 by default).
/// </summary>
public sealed record ApproveManyRequest(ReviewFilter? Filter, int? Expected, long? Through, int? Limit);

/// <summary>The body of <c>POST /api/v1/reports/{id}/review</c>.</summary>
public sealed record ReviewRequest(ReviewDecision? Decision, string? Reason);

/// <summary>The body of <c>POST /api/v1/reports</c>.</summary>
public sealed record ReportRequest(string? PairingId, string? ProjectId, DateOnly Date, IReadOnlyDictionary<string, decimal>? Values, string? Note);

/// <summary>The body of <c>POST /api/v1/reports/{id}/reversal</c>.</summary>
public sealed record ReversalRequest(string? Reason);

/// <summary>The answer to a report: its id once committed.</summary>
public sealed record ReportReceiptDto(Guid Id, long Position, bool Replayed);
