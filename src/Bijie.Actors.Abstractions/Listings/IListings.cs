namespace Bijie.Actors.Abstractions;

/// <summary>
/// The listings of the programme, an application service of the silo side the web calls in process: each checks
/// its filters (an unknown place, a malformed credit code or helper id, an unknown status is bad input), reads ids
/// from the roll-ups or the registries, loads only the slice asked for, and shows a reader only what is theirs to see.
/// </summary>
public interface IListings
{
    /// <summary>The roll-up scopes a filter names (Bijie as a whole when none); an unknown value is bad input.</summary>
    Task<IReadOnlyList<string>> ScopesAsync(ListingFilter filter);

    /// <summary>The members of an indicator present in every scope, in id order.</summary>
    Task<IReadOnlyList<string>> IdsAsync(IReadOnlyList<string> scopes, string indicator, int? year);

    /// <summary>Pairings with a line in the year (any year when null); status is "active" or "ended".</summary>
    Task<Slice<PairingInfo>> PairingsAsync(ListingFilter filter, int? year, string? status, int offset, int limit);

    Task<Slice<ProjectInfo>> ProjectsAsync(ListingFilter filter, int? year, int offset, int limit);

    Task<Slice<HelperProfile>> HelpersAsync(HelperKind? kind, int offset, int limit);

    /// <summary>The city, its counties and their townships (a township's villages are read from its locality).</summary>
    Task<LocalityNode> LocalityTreeAsync();

    /// <summary>The four quarters of a year (the current one when not named) as <see cref="Visibility.Period"/> shows them; a year outside 1988–2200 is bad input.</summary>
    Task<IReadOnlyList<PeriodInfo>> PeriodsAsync(int? year, ActorRef reader);

    /// <summary>API keys by id, without their secrets (only the slice's keys are loaded).</summary>
    Task<Slice<ApiKeyInfo>> ApiKeysAsync(int offset, int limit);

    /// <summary>Enterprises in pairings of a place and year; every registered one when neither is named.</summary>
    Task<Slice<EnterpriseProfile>> EnterprisesAsync(string? locality, int? year, int offset, int limit);

    Task<Slice<ExpertTeamInfo>> ExpertTeamsAsync(string? helper, Track? track, int offset, int limit);

    Task<Slice<PlatformInfo>> PlatformsAsync(string? locality, PlatformKind? kind, string? helper, int offset, int limit);

    /// <summary>The year's standing visits, newest first; the people on a visit, its note and who recorded it only for its helper and the office.</summary>
    Task<Slice<VisitInfo>> VisitsAsync(ListingFilter filter, int year, int offset, int limit, ActorRef reader);

    /// <summary>Support matters by status (open, overdue, closed): a helper's own, the office's any, anyone else's none.</summary>
    Task<Slice<MatterListItem>> MattersAsync(string? status, string? helper, int offset, int limit, ActorRef reader);

    /// <summary>Needs by status (Open, Matched, Fulfilled, Withdrawn), domain and place.</summary>
    Task<Slice<NeedSummary>> NeedsAsync(string? status, Track? domain, string? locality, int offset, int limit);

    /// <summary>The needs on a board (withdrawn ones left out): counts by status, domain and county, the mean days to a match.</summary>
    Task<NeedsSummary> NeedsSummaryAsync(string? locality);

    /// <summary>What needs an update, oldest first, named: the subject, the place and the responsible person.</summary>
    Task<Slice<UpdateNeededView>> SupervisionAsync(SupervisionFilter filter, int offset, int limit);

    /// <summary>
    /// The year's standing reports, newest first, named: the office's of any scope, an organisation's or a locality's
    /// own only (from its own roll-up, narrowed by the filters); who filed them and their notes as <see cref="Visibility.Report"/> says.
    /// </summary>
    Task<Slice<ReportView>> ReportsAsync(string? pairing, string? project, string? locality, int year, int offset, int limit, ActorRef reader);

    /// <summary>The review queue: the year's standing reports with their review (status "pending" or "approved" narrows), named.</summary>
    Task<Slice<ReviewItem>> ReviewQueueAsync(ReviewFilter filter, string? status, int offset, int limit);

    /// <summary>The review queue's filters as a ledger query (the year the current one when not named); an unknown indicator is bad input.</summary>
    Task<ReportPageQuery> ReviewQueryAsync(ReviewFilter filter);

    /// <summary>The scopes of a report filter: a pairing's or a project's (not both), else the place's, enterprise's and helper's.</summary>
    Task<IReadOnlyList<string>> ReportScopesAsync(string? pairing, string? project, ListingFilter filter);
}
