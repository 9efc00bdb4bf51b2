namespace Bijie.Actors.Web.Apis;

/// <summary>督促推进: the pairings and projects that need an update, and reminders to their responsible persons.</summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/supervision").WithTags("Supervision").RequireAuthorization(Policies.Office);
        api.MapGet("/", ListAsync)
            .WithName("ListUpdatesNeeded")
            .WithSummary("Pairings and projects under way with a milestone past due or no report for too long, as of the end of period= (e.g. 2026Q3; default: today, in the current period); staff=, locality= (a county, township or village and below) and reason= narrow; named, longest waiting first; paged");
        api.MapPost("/reminders", async (IGrainFactory grains) => TypedResults.Ok(new { reminded = await grains.GetGrain<ISupervisionGrain>(0).RemindAsync() }))
            .WithName("RemindResponsiblePersons").WithSummary("Reminds each responsible person now, in the office's inbox (also done daily)");
        return api;
    }

    /// <summary>
    /// The list is computed whole by the supervision grain (from the roll-ups and one ledger query); the filters and the
    /// page are applied here, and only the page's subjects are named.
    /// </summary>
    public static async Task<Ok<Page<UpdateNeededView>>> ListAsync(
        HttpRequest request, IGrainFactory grains, DisplayNames names, string? period, string? staff, string? locality, string? reason, int? page, int? size)
    {
        var (p, s) = Listing.Paging(page, size);
        if (period is not null)
        {
            ReportingPeriods.Require(period);
        }

        if (reason is not (null or "no_recent_report" or "milestone_past_due"))
        {
            throw DomainException.Invalid("supervision.reason", "reason is no_recent_report or milestone_past_due.", "reason");
        }

        if (locality is not null)
        {
            await Listing.ScopesAsync(grains, locality, null, null); // an unknown place is refused, not an empty list
        }

        var all = await grains.GetGrain<ISupervisionGrain>(0).ListAsync(period);
        var chosen = all
            .Where(i => staff is null || i.ResponsibleStaffId == staff)
            .Where(i => locality is null || i.LocalityCode.StartsWith(locality, StringComparison.Ordinal))
            .Where(i => reason is null || i.Reason == reason)
            .OrderBy(i => i.Since).ThenBy(i => i.SubjectId, StringComparer.Ordinal)
            .ToArray();
        var onPage = chosen.Skip((p - 1) * s).Take(s).ToArray();
        var staffNames = (await grains.GetGrain<IReferenceGrain>(0).GetStaffAsync()).ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
        var views = await Task.WhenAll(onPage.Select(async i => new UpdateNeededView(
            i.SubjectId, i.SubjectKind,
            i.SubjectKind == "project" ? i.Label : await names.SubjectNameAsync(i.SubjectId, i.SubjectKind) ?? i.Label,
            i.LocalityCode, await names.LocalityNameAsync(i.LocalityCode), i.ResponsibleStaffId, staffNames.GetValueOrDefault(i.ResponsibleStaffId),
            i.Reason, i.Detail, i.Since, i.Period, i.LastReportOn, i.DaysSilent)));
        return TypedResults.Ok(new Page<UpdateNeededView>(views, Listing.NextLink(request, p, s, chosen.Length), chosen.Length));
    }
}

/// <summary>
/// A pairing or project that needs an update, named: <see cref="Name"/> (the pairing's two sides, the project's title), the
/// place's and the responsible person's names; <see cref="LastReportOn"/> and <see cref="DaysSilent"/> when it reported once.
/// </summary>
public sealed record UpdateNeededView(
    string SubjectId, string SubjectKind, string Name, string LocalityCode, string? LocalityName, string ResponsibleStaffId, string? ResponsibleName,
    string Reason, string Detail, DateOnly Since, string? Period, DateOnly? LastReportOn, int? DaysSilent);
