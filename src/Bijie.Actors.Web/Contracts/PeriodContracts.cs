namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>PUT /api/v1/periods/{period}/deadline</c>.</summary>
public sealed record SetDeadlineRequest(DateOnly? Deadline);

/// <summary>The body of <c>PUT /api/v1/periods/{period}/exceptions/{subjectId}</c>.</summary>
public sealed record GrantExceptionRequest(DateOnly? Until, string? Reason)
{
    public DateOnly RequiredUntil => Required.Of(Until, "period.until", "until");
}
