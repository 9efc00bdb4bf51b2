namespace Bijie.Actors.Web.Apis;

/// <summary>
/// The ledger's integrity: the daily digests of its hash chain, which the office prints or sends outside the
/// system. <c>deploy/verify-ledger.sh --digest POSITION:HASH</c> checks a ledger against one.
/// </summary>
public static class IntegrityApi
{
    public static RouteGroupBuilder MapIntegrityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ledger").WithTags("Integrity");
        api.MapGet("/digests", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ILedgerDigestsGrain>(0).ListAsync()))
            .WithName("ListLedgerDigests")
            .RequireAuthorization(Policies.Office)
            .WithSummary("The ledger's daily digests, newest first: where its hash chain stood when each day (China Standard Time) was over, "
                + "with the entries and lines it held; `check` is the argument of deploy/verify-ledger.sh --digest");
        return api;
    }
}
