namespace Bijie.Actors.Web.Apis;

/// <summary>
/// Every change of every resource, as its history: who (named; by a session or an API key), when, what kind of
/// change, and each field it changed with its value before and after. Pairings and projects answer from their ledger
/// entries; the resources kept in grain state from the change records written before their state. The office reads
/// them (the administrator those of accounts and API keys).
/// </summary>
public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        Map(app, "/api/v1/helpers/{id}/history", "GetHelperHistory", "Helpers", Policies.Office, (g, id) => g.GetGrain<IHelperGrain>(id));
        Named(app.MapGet("/api/v1/enterprises/{creditCode}/history", (string creditCode, IGrainFactory grains, IDisplayNames names) =>
            AnswerAsync(grains.GetGrain<IEnterpriseGrain>(creditCode), names)), "GetEnterpriseHistory", "Enterprises", Policies.Office);
        Map(app, "/api/v1/pairings/{id}/history", "GetPairingHistory", "Pairings", Policies.Office, (g, id) => g.GetGrain<IPairingGrain>(id));
        // A project's /history is its status history (public): its changes field by field are here.
        Map(app, "/api/v1/projects/{id}/changes", "GetProjectChanges", "Projects", Policies.Office, (g, id) => g.GetGrain<IProjectGrain>(id));
        Map(app, "/api/v1/needs/{id}/history", "GetNeedHistory", "Needs and strengths", Policies.Office, (g, id) => g.GetGrain<INeedGrain>(id));
        Map(app, "/api/v1/matters/{id}/history", "GetMatterHistory", "Support matters", Policies.Office, (g, id) => g.GetGrain<IMatterGrain>(id));
        Map(app, "/api/v1/expert-teams/{id}/history", "GetExpertTeamHistory", "Visits, experts and platforms", Policies.Office, (g, id) => g.GetGrain<IExpertTeamGrain>(id));
        Map(app, "/api/v1/platforms/{id}/history", "GetPlatformHistory", "Visits, experts and platforms", Policies.Office, (g, id) => g.GetGrain<IPlatformGrain>(id));
        Named(app.MapGet("/api/v1/periods/{period}/history", (string period, IGrainFactory grains, IDisplayNames names) =>
            AnswerAsync(grains.GetGrain<IReportingPeriodGrain>(period), names)), "GetPeriodHistory", "Reporting periods", Policies.Office);
        Map(app, "/api/v1/webhooks/{id}/history", "GetWebhookHistory", "Webhooks", Policies.Office, (g, id) => g.GetGrain<IWebhookGrain>(id));
        Map(app, "/api/v1/api-keys/{id}/history", "GetApiKeyHistory", "API keys", Policies.Admin, (g, id) => g.GetGrain<IApiKeyGrain>(id));
        Named(app.MapGet("/api/v1/accounts/{userName}/history", (string userName, IGrainFactory grains, IDisplayNames names) =>
            AnswerAsync(grains.GetGrain<IAccountGrain>(Security.SessionCookies.Normalize(userName)), names)), "GetAccountHistory", "Sign-in", Policies.Admin);
        app.MapGet("/api/v1/validation-rules/history", (IGrainFactory grains, IDisplayNames names) => AnswerAsync(grains.GetGrain<IValidationRulesGrain>(0), names))
            .WithTags("Reports").WithName("GetValidationRulesHistory").RequireAuthorization(Policies.Office)
            .WithSummary("Every change of the validation rules, newest first: who, when, and each rule added, removed or edited, before and after");
        return app;
    }

    /// <summary>The history of a resource addressed by its id.</summary>
    private static void Map(IEndpointRouteBuilder app, string pattern, string name, string tag, string policy, Func<IGrainFactory, string, IChangeTracked> grain) =>
        Named(app.MapGet(pattern, (string id, IGrainFactory grains, IDisplayNames names) => AnswerAsync(grain(grains, id), names)), name, tag, policy);

    private static void Named(RouteHandlerBuilder endpoint, string name, string tag, string policy) =>
        endpoint.WithTags(tag).WithName(name).RequireAuthorization(policy)
            .WithSummary("Every change, newest first: version, when, who (named; by a session or an API key), what kind of change, and each field it changed before and after");

    private static async Task<Ok<IReadOnlyList<ChangeView>>> AnswerAsync(IChangeTracked grain, IDisplayNames names)
    {
        var changes = await grain.GetChangesAsync();
        var named = await Task.WhenAll(changes.Select(async c => c with
        {
            ActorName = await names.ActorNameAsync(c.Actor),
            Fields = await Task.WhenAll(c.Fields.Select(async f => f with { Label = await LabelAsync(f, names) })),
        }));
        return TypedResults.Ok<IReadOnlyList<ChangeView>>(named);
    }

    /// <summary>The name of what a map's entry concerns: the pairing or project of a period's exception, a rule's own name.</summary>
    private static async Task<string?> LabelAsync(FieldChange field, IDisplayNames names)
    {
        var separator = field.Field.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var key = field.Field[(separator + 1)..];
        switch (field.Field[..separator])
        {
            case "exception":
                return await names.SubjectNameAsync(key, "pairing") ?? await names.SubjectNameAsync(key, "project");
            case "rule":
                using (var rule = System.Text.Json.JsonDocument.Parse(field.After ?? field.Before ?? "{}"))
                {
                    return rule.RootElement.TryGetProperty("nameZh", out var name) ? name.GetString() : null;
                }

            default:
                return null;
        }
    }
}
