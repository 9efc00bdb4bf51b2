namespace Bijie.Actors.Web.Apis;

/// <summary>
/// Level-by-level approval (逐级审核) of a period's figures, batch by batch: a township's figures, or a county's or the
/// city's own pairings and projects. The township approves, the county approves what the township approved, the city
/// what the county approved (the levels are configured; a level without staff is skipped). A locality's account acts at
/// its own level within its place; the office at any. An approved batch is locked: later reports need an exception,
/// withdrawals and corrections the approval taken back (by the level that approved or one above, while nothing above
/// approved on top).
/// </summary>
public static class ApprovalsApi
{
    public static RouteGroupBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/approvals").WithTags("Approvals").RequireAuthorization(Policies.Approve);
        api.MapGet("/{period}", ListAsync).WithName("ListApprovals")
            .WithSummary("The batches of a period in a locality (a locality's account: its own place; default: the account's place or the city), each with the levels that approved it and the level next");
        api.MapPost("/{period}/{unit}", ApproveAsync).WithName("ApproveBatch")
            .WithSummary("The next level approves a batch: 409 approval.below_pending when the level below has not, approval.already when this level has, approval.period_open before the period ends");
        api.MapPost("/{period}/{unit}/unapproval", UnapproveAsync).WithName("UnapproveBatch")
            .WithSummary("Takes back a batch's latest approval (a reversal entry) with a reason: by the level that approved or one above (409 approval.above otherwise)");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ApprovalBatch>>> ListAsync(string period, string? locality, IGrainFactory grains, IDisplayNames names, ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        var place = locality ?? (actor.Role == ActorRole.Locality ? actor.OrganizationId : null) ?? LocalityCodes.Bijie;
        if (!Access.OwnsPlace(actor, place))
        {
            throw DomainException.NotFound("locality.unknown", $"No locality '{place}' here.", "locality");
        }

        var batches = await grains.GetGrain<IPeriodApprovalsGrain>(period).ListAsync(place);
        return TypedResults.Ok<IReadOnlyList<ApprovalBatch>>(await Task.WhenAll(batches.Select(b => NameAsync(b, names))));
    }

    public static async Task<Ok<ApprovalBatch>> ApproveAsync(string period, string unit, IGrainFactory grains, IDisplayNames names, ClaimsPrincipal user) =>
        TypedResults.Ok(await NameAsync(await grains.GetGrain<IPeriodApprovalsGrain>(period).ApproveAsync(unit, user.ToActor()), names));

    public static async Task<Ok<ApprovalBatch>> UnapproveAsync(string period, string unit, UnapprovalRequest body, IGrainFactory grains, IDisplayNames names, ClaimsPrincipal user) =>
        TypedResults.Ok(await NameAsync(await grains.GetGrain<IPeriodApprovalsGrain>(period).UnapproveAsync(unit, body?.Reason ?? "", user.ToActor()), names));

    /// <summary>Who approved, by name.</summary>
    private static async Task<ApprovalBatch> NameAsync(ApprovalBatch batch, IDisplayNames names) => batch with
    {
        Approved = await Task.WhenAll(batch.Approved.Select(async s => s with { ByName = await names.ActorNameAsync(s.By) })),
    };
}

/// <summary>The body of <c>POST /api/v1/approvals/{period}/{unit}/unapproval</c>.</summary>
public sealed record UnapprovalRequest(string? Reason);
