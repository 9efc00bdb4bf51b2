namespace Bijie.Actors.Web.Apis;

/// <summary>
/// The validation rules a report is checked against when it is written: ranges of a report's value and indicators
/// whose yearly total may not pass another's (money landed not above money signed), and how old a report's date may be. Each warns (the report is
/// accepted and its receipt lists the warning) or blocks (400 <c>report.rule</c>). Anyone signed in reads them; the
/// office replaces the list.
/// </summary>
public static class ValidationRulesApi
{
    public static RouteGroupBuilder MapValidationRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/validation-rules").WithTags("Reports");
        api.MapGet("/", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IValidationRulesGrain>(0).ListAsync()))
            .WithName("ListValidationRules").RequireAuthorization(Policies.Read)
            .WithSummary("The validation rules reports are checked against when written: each warns (accepted, the receipt says so) or blocks (400 report.rule)");
        api.MapPut("/", ReplaceAsync).WithName("ReplaceValidationRules").RequireAuthorization(Policies.Office)
            .WithSummary("Replaces the validation rules (the office): Range (min/max of a report's value), NotAbove (a yearly total not above another's) or Age (a report dated at most max days before the day it is filed; no indicator); a bad rule refuses the list");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ValidationRule>>> ReplaceAsync(IReadOnlyList<ValidationRule> body, IGrainFactory grains, ClaimsPrincipal user) =>
        TypedResults.Ok(await grains.GetGrain<IValidationRulesGrain>(0).ReplaceAsync(body ?? [], user.ToActor()));
}
