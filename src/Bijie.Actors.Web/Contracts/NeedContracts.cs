namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/needs</c>.</summary>
public sealed record PostNeedRequest(string? Id, Track? Domain, string? LocalityCode, string? Title, string? Description, decimal? BudgetYuan, NeedUrgency? Urgency, DateOnly? Deadline)
{
    public PostNeed ToCommand()
    {
        if (Id is not null)
        {
            throw DomainException.Invalid("need.id", "A need's id is made by the server; send an Idempotency-Key header to make a retry safe, not an id.", "id");
        }

        return new(Required.Of(Domain, "need.domain", "domain"), Required.Of(LocalityCode, "locality.unknown", "localityCode"), Title ?? "", Description,
            BudgetYuan ?? 0, Urgency ?? NeedUrgency.Normal, Required.Of(Deadline, "need.deadline", "deadline"));
    }
}

/// <summary>The body of <c>POST /api/v1/needs/{id}/match</c>.</summary>
public sealed record MatchNeedRequest(string? HelperId, string? ResponsibleStaffId)
{
    public string RequiredHelperId => Required.Of(HelperId, "helper.unknown", "helperId");

    public string RequiredStaffId => Required.Of(ResponsibleStaffId, "staff.unknown", "responsibleStaffId");
}

/// <summary>The body of <c>POST /api/v1/needs/{id}/status</c>.</summary>
public sealed record CloseNeedRequest(NeedStatus? Status)
{
    /// <summary>The status a need may be closed with: Fulfilled or Withdrawn.</summary>
    public NeedStatus Closing => Status is NeedStatus.Fulfilled or NeedStatus.Withdrawn
        ? Status.Value
        : throw DomainException.Invalid("need.status", "status is Fulfilled or Withdrawn.", "status");
}


/// <summary>
/// A need as <c>GET /api/v1/needs/{id}</c> shows it: to the office and the locality it lies in in full; to others
/// without its budget, description and poster (null, not a made-up zero).
/// </summary>
public sealed record NeedView(
    string Id, Track Domain, string LocalityCode, string Title, string? Description, decimal? BudgetYuan, NeedUrgency Urgency, DateOnly Deadline,
    NeedStatus Status, string? PostedBy, DateTimeOffset PostedAt, string? MatchedHelperId, DateTimeOffset? MatchedAt, string? ProjectId,
    DateTimeOffset? ClosedAt, int Version)
{
    public static NeedView For(NeedInfo n, bool full) => new(
        n.Id, n.Domain, n.LocalityCode, n.Title, full ? n.Description : null, full ? n.BudgetYuan : null, n.Urgency, n.Deadline,
        n.Status, full ? n.PostedBy : null, n.PostedAt, n.MatchedHelperId, n.MatchedAt, n.ProjectId, n.ClosedAt, n.Version);
}
