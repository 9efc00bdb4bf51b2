using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Listings;

/// <summary>
/// The programme's listings (<see cref="IListings"/>): ids from the roll-ups of the scopes filtered on, intersected, or
/// from the registries' tags; only the slice asked for is loaded from its grains.
/// </summary>
public sealed class Listings(IGrainFactory grains, TimeProvider time, IDisplayNames names, IReportReader reports) : IListings
{
    public async Task<IReadOnlyList<string>> ScopesAsync(ListingFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var scopes = new List<string>();
        if (filter.Locality is { } locality)
        {
            await InBody(() => grains.GetLocality(locality).GetAsync());
            scopes.Add(Scopes.Locality(locality));
        }

        if (filter.Enterprise is { } enterprise)
        {
            if (CreditCodes.Problem(enterprise) is { } problem)
            {
                throw DomainException.Invalid("enterprise.credit_code", problem, "enterprise");
            }

            scopes.Add(Scopes.Enterprise(enterprise));
        }

        if (filter.Helper is { } helper)
        {
            if (!HelperIds.IsValid(helper))
            {
                throw DomainException.Invalid("helper.id", $"'{helper}' is not a helper id (lower-case letters, digits and '-', 3–64 characters).", "helper");
            }

            scopes.Add(Scopes.Helper(helper));
        }

        return scopes.Count > 0 ? scopes : [Scopes.Locality(LocalityCodes.Bijie)];
    }

    public async Task<IReadOnlyList<string>> IdsAsync(IReadOnlyList<string> scopes, string indicator, int? year)
    {
        IEnumerable<string>? ids = null;
        foreach (var scope in scopes)
        {
            var members = await grains.GetGrain<IScopeGrain>(scope).GetMembersAsync(indicator, year);
            ids = ids is null ? members : ids.Intersect(members);
        }

        return (ids ?? []).Order(StringComparer.Ordinal).ToArray();
    }

    public async Task<Slice<PairingInfo>> PairingsAsync(ListingFilter filter, int? year, string? status, int offset, int limit)
    {
        var wanted = status switch
        {
            null => (PairingStatus?)null,
            "active" => PairingStatus.Active,
            "ended" => PairingStatus.Ended,
            _ => throw DomainException.Invalid("pairing.status", "status is 'active' or 'ended'.", "status"),
        };
        // The status is a membership of the roll-ups too (active pairings), so the filter works on ids and only the slice is loaded.
        var scopes = await ScopesAsync(filter);
        var ids = await IdsAsync(scopes, Scopes.AllPairings, year);
        if (wanted is not null)
        {
            var active = (await IdsAsync(scopes, Scopes.ActivePairings, null)).ToHashSet(StringComparer.Ordinal);
            ids = ids.Where(id => active.Contains(id) == (wanted == PairingStatus.Active)).ToArray();
        }

        // The roll-ups follow a change within a moment; until then a pairing just ended is left out rather than shown under the wrong status.
        var items = (await LoadAsync(ids, offset, limit, id => grains.GetGrain<IPairingGrain>(id).GetAsync()))
            .Where(x => wanted is null || x.Status == wanted).ToArray();
        return new Slice<PairingInfo>(items, ids.Count);
    }

    public async Task<Slice<ProjectInfo>> ProjectsAsync(ListingFilter filter, int? year, int offset, int limit)
    {
        var ids = await IdsAsync(await ScopesAsync(filter), Scopes.AllProjects, year);
        return new Slice<ProjectInfo>(await LoadAsync(ids, offset, limit, id => grains.GetGrain<IProjectGrain>(id).GetAsync()), ids.Count);
    }

    public async Task<Slice<HelperProfile>> HelpersAsync(HelperKind? kind, int offset, int limit)
    {
        // The registry filters on its tags; only the slice's helpers are loaded.
        var ids = await Registries.FindAsync(grains, Registries.Helpers, kind is null ? [] : [$"kind:{kind}"],
            async id => kind is null || (await grains.GetGrain<IHelperGrain>(id).GetAsync()).Kind == kind);
        return new Slice<HelperProfile>(await LoadAsync(ids, offset, limit, id => grains.GetGrain<IHelperGrain>(id).GetAsync()), ids.Count);
    }

    public async Task<LocalityNode> LocalityTreeAsync()
    {
        var city = await grains.GetLocality(LocalityCodes.Bijie).GetAsync();
        var counties = await Task.WhenAll(city.Children.Select(async c =>
        {
            var county = await grains.GetLocality(c.Code).GetAsync();
            return new LocalityNode(county.Code, county.Name, county.Level.Name(),
                county.Children.Select(t => new LocalityNode(t.Code, t.Name, LocalityLevel.Township.Name(), [])).ToArray());
        }));
        return new LocalityNode(city.Code, city.Name, city.Level.Name(), counties);
    }

    public async Task<IReadOnlyList<PeriodInfo>> PeriodsAsync(int? year, ActorRef reader)
    {
        var y = year ?? ProgrammeClock.Today(time).Year;
        if (y is < 1988 or > 2200)
        {
            throw DomainException.Invalid("period.year", "year lies between 1988 and 2200.", "year");
        }

        var periods = await Task.WhenAll(Enumerable.Range(1, 4).Select(q => grains.GetGrain<IReportingPeriodGrain>($"{y}Q{q}").GetAsync()));
        return periods.Select(p => Visibility.Period(p, reader)).ToArray();
    }

    public async Task<Slice<ApiKeyInfo>> ApiKeysAsync(int offset, int limit)
    {
        var ids = await Registries.ListAsync(grains, Registries.ApiKeys);
        return new Slice<ApiKeyInfo>(await LoadAsync(ids, offset, limit, id => grains.GetGrain<IApiKeyGrain>(id).GetAsync()), ids.Count);
    }

    public async Task<Slice<EnterpriseProfile>> EnterprisesAsync(string? locality, int? year, int offset, int limit)
    {
        var codes = locality is null && year is null
            ? await Registries.ListAsync(grains, Registries.Enterprises)
            : await IdsAsync(await ScopesAsync(new ListingFilter(locality)), Indicators.EnterprisePairingEnterprises, year);
        return new Slice<EnterpriseProfile>(await LoadAsync(codes, offset, limit, c => grains.GetGrain<IEnterpriseGrain>(c).GetAsync()), codes.Count);
    }

    public async Task<Slice<ExpertTeamInfo>> ExpertTeamsAsync(string? helper, Track? track, int offset, int limit)
    {
        var tags = new List<string>();
        if (helper is not null)
        {
            tags.Add($"helper:{helper}");
        }

        if (track is not null)
        {
            tags.Add($"track:{track}");
        }

        var ids = await Registries.FindAsync(grains, Registries.ExpertTeams, tags, async id =>
        {
            var t = await grains.GetGrain<IExpertTeamGrain>(id).GetAsync();
            return (helper is null || t.HelperIds.Contains(helper)) && (track is null || t.Track == track);
        });
        return new Slice<ExpertTeamInfo>(await LoadAsync(ids, offset, limit, id => grains.GetGrain<IExpertTeamGrain>(id).GetAsync()), ids.Count);
    }

    public async Task<Slice<PlatformInfo>> PlatformsAsync(string? locality, PlatformKind? kind, string? helper, int offset, int limit)
    {
        var tags = new List<string>();
        if (locality is not null)
        {
            tags.Add($"place:{locality}");
        }

        if (kind is not null)
        {
            tags.Add($"kind:{kind}");
        }

        if (helper is not null)
        {
            tags.Add($"helper:{helper}");
        }

        var ids = await Registries.FindAsync(grains, Registries.Platforms, tags, async id =>
        {
            var platform = (await grains.GetGrain<IPlatformGrain>(id).GetAsync()).Platform;
            return (locality is null || platform.LocalityCode.StartsWith(locality, StringComparison.Ordinal))
                && (kind is null || platform.Kind == kind) && (helper is null || platform.HelperIds.Contains(helper));
        });
        return new Slice<PlatformInfo>(await LoadAsync(ids, offset, limit, id => grains.GetGrain<IPlatformGrain>(id).GetAsync()), ids.Count);
    }

    public async Task<Slice<VisitInfo>> VisitsAsync(ListingFilter filter, int year, int offset, int limit, ActorRef reader)
    {
        // A visit is a report of its own source: the page is read from the ledger, then the page's visits are loaded.
        var scopes = await ScopesAsync(filter);
        var found = await reports.ListStandingPageAsync(new ReportPageQuery(scopes, year, offset, limit, NewestFirst: true, Source: EngagementRules.VisitKind));
        var visits = await Task.WhenAll(found.Items.Select(r => grains.GetGrain<IVisitGrain>(r.SubjectId).GetAsync()));
        return new Slice<VisitInfo>(visits.Select(v => Visibility.Visit(v, reader)).ToArray(), found.Total ?? 0);
    }

    public async Task<Slice<MatterListItem>> MattersAsync(string? status, string? helper, int offset, int limit, ActorRef reader)
    {
        if (!reader.ManagesEverything)
        {
            helper = reader.Role == ActorRole.Helper ? reader.OrganizationId : "-"; // a helper sees its own matters; others none
        }

        var now = time.GetUtcNow();
        Func<MatterSummary, bool> wanted = status switch
        {
            null => _ => true,
            "open" => m => m.Step < MatterStep.Concluded,
            "overdue" => m => m.Step < MatterStep.Concluded && now >= MatterRules.DueEnd(m.Due),
            "closed" => m => m.Step >= MatterStep.Concluded,
            _ => throw DomainException.Invalid("matter.status", "status is open, overdue or closed.", "status"),
        };
        // A helper's list reads its own shard only; someone with no helper of its own reads none.
        var all = helper == "-" ? [] : await MatterRegistry.ListAsync(grains, helper);
        var matching = all.Where(wanted).ToArray();
        var items = matching.Skip(offset).Take(limit)
            .Select(m => new MatterListItem(m.Id, m.Title, m.HelperId, m.ResponsibleStaffId, m.Due, m.Step.ToString(),
                m.Step < MatterStep.Concluded && now >= MatterRules.DueEnd(m.Due), m.Escalations)).ToArray();
        return new Slice<MatterListItem>(items, matching.Length);
    }

    public async Task<Slice<NeedSummary>> NeedsAsync(string? status, Track? domain, string? locality, int offset, int limit)
    {
        NeedStatus? wanted = status is null ? null
            : EnumNames.Parse<NeedStatus>(status) is { } parsed ? parsed
            : throw DomainException.Invalid("need.status", "status is Open, Matched, Fulfilled or Withdrawn.", "status");
        var matching = (await NeedRegistry.ListAsync(grains))
            .Where(n => wanted is null || n.Status == wanted)
            .Where(n => domain is null || n.Domain == domain)
            .Where(n => locality is null || n.LocalityCode.StartsWith(locality, StringComparison.Ordinal))
            .ToArray();
        return new Slice<NeedSummary>(matching.Skip(offset).Take(limit).ToArray(), matching.Length);
    }

    public async Task<NeedsSummary> NeedsSummaryAsync(string? locality)
    {
        var all = (await NeedRegistry.ListAsync(grains))
            .Where(n => n.Status != NeedStatus.Withdrawn && (locality is null || n.LocalityCode.StartsWith(locality, StringComparison.Ordinal))).ToArray();
        static Dictionary<string, int> Count(IEnumerable<NeedSummary> needs) =>
            new[] { NeedStatus.Open, NeedStatus.Matched, NeedStatus.Fulfilled }.ToDictionary(s => s.ToString(), s => needs.Count(n => n.Status == s));
        var matched = all.Where(n => n.MatchedAt is not null).Select(n => (n.MatchedAt!.Value - n.PostedAt).TotalDays).ToArray();
        return new NeedsSummary(
            Count(all),
            all.GroupBy(n => n.Domain.Code()).ToDictionary(g => g.Key, g => Count(g)),
            all.GroupBy(n => n.LocalityCode[..Math.Min(6, n.LocalityCode.Length)]).ToDictionary(g => g.Key, g => Count(g)),
            matched.Length == 0 ? null : Math.Round(matched.Average(), 1));
    }

    public async Task<Slice<UpdateNeededView>> SupervisionAsync(SupervisionFilter filter, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Period is { } period)
        {
            ReportingPeriods.Require(period);
        }

        if (filter.Reason is not (null or "no_recent_report" or "milestone_past_due"))
        {
            throw DomainException.Invalid("supervision.reason", "reason is no_recent_report or milestone_past_due.", "reason");
        }

        if (filter.Locality is not null)
        {
            await ScopesAsync(new ListingFilter(filter.Locality)); // an unknown place is refused, not an empty list
        }

        // The list is computed whole by the supervision grain (from the roll-ups and one ledger query); only the slice is named.
        var chosen = (await grains.GetGrain<ISupervisionGrain>(0).ListAsync(filter.Period))
            .Where(i => filter.Staff is null || i.ResponsibleStaffId == filter.Staff)
            .Where(i => filter.Locality is null || i.LocalityCode.StartsWith(filter.Locality, StringComparison.Ordinal))
            .Where(i => filter.Reason is null || i.Reason == filter.Reason)
            .OrderBy(i => i.Since).ThenBy(i => i.SubjectId, StringComparer.Ordinal)
            .ToArray();
        var staffNames = (await grains.GetGrain<IReferenceGrain>(0).GetStaffAsync()).ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
        var views = await Task.WhenAll(chosen.Skip(offset).Take(limit).Select(async i => new UpdateNeededView(
            i.SubjectId, i.SubjectKind,
            i.SubjectKind == "project" ? i.Label : await names.SubjectNameAsync(i.SubjectId, i.SubjectKind) ?? i.Label,
            i.LocalityCode, await names.LocalityNameAsync(i.LocalityCode), i.ResponsibleStaffId, staffNames.GetValueOrDefault(i.ResponsibleStaffId),
            i.Reason, i.Detail, i.Since, i.Period, i.LastReportOn, i.DaysSilent)));
        return new Slice<UpdateNeededView>(views, chosen.Length);
    }

    public async Task<Slice<ReportView>> ReportsAsync(string? pairing, string? project, string? locality, int year, int offset, int limit, ActorRef reader)
    {
        // The office lists any scope; an organisation or a locality lists from its own roll-up only, narrowed by the
        // filters in the same query (the reports with a line in both its own scope and the place or subject asked for),
        // so another's reports are never read, let alone paged and then dropped; and only the page is read from the ledger.
        var scopes = (await ReportScopesAsync(pairing, project, new ListingFilter(locality))).ToList();
        if (!reader.ManagesEverything)
        {
            scopes.Insert(0, Access.OwnScope(reader) ?? throw DomainException.Forbidden("report.forbidden", "Your role reads the boards, not the reports."));
        }

        var found = await reports.ListStandingPageAsync(new ReportPageQuery(scopes, year, offset, limit, NewestFirst: true));
        var items = (await names.NameAsync(found.Items)).Select(r => Visibility.Report(r, reader)).ToArray();
        return new Slice<ReportView>(items, found.Total ?? 0);
    }

    public async Task<Slice<ReviewItem>> ReviewQueueAsync(ReviewFilter filter, string? status, int offset, int limit)
    {
        if (status is not (null or "pending" or "approved"))
        {
            throw DomainException.Invalid("review.status", "status is pending or approved.", "status");
        }

        var query = await ReviewQueryAsync(filter);
        var found = await grains.GetGrain<IReportReviewGrain>(0).ListForReviewPageAsync(query with
        {
            Offset = offset, Limit = limit, Approved = status switch { "approved" => true, "pending" => false, _ => null },
        });
        var named = await names.NameAsync(found.Items.Select(i => i.Report).ToArray());
        return new Slice<ReviewItem>(found.Items.Zip(named, (item, report) => item with { Report = report }).ToArray(), found.Total ?? 0);
    }

    public async Task<ReportPageQuery> ReviewQueryAsync(ReviewFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Indicator is { } code && Indicators.Find(code) is null)
        {
            throw DomainException.Invalid("indicator.unknown", $"No indicator '{code}'.", "indicator");
        }

        var scopes = await ReportScopesAsync(filter.Pairing, filter.Project, new ListingFilter(filter.Locality, filter.Enterprise, filter.Helper));
        return new ReportPageQuery(scopes, filter.Year ?? ProgrammeClock.Today(time).Year, 0, 0, NewestFirst: true,
            Indicator: filter.Indicator, OnBehalf: filter.OnBehalf, Flagged: filter.Flagged, FlaggedFirst: true);
    }

    public async Task<IReadOnlyList<string>> ReportScopesAsync(string? pairing, string? project, ListingFilter filter)
    {
        if (pairing is not null && project is not null)
        {
            throw DomainException.Invalid("report.filter", "Filter by a pairing or a project, not both.", "pairing");
        }

        return (pairing ?? project) is { } subject ? [Scopes.Subject(subject)] : await ScopesAsync(filter);
    }

    private static async Task<T[]> LoadAsync<T>(IReadOnlyList<string> ids, int offset, int limit, Func<string, Task<T>> load) =>
        await Task.WhenAll(ids.Skip(offset).Take(limit).Select(load));

    /// <summary>In a filter an unknown reference is bad input (400), not a missing resource.</summary>
    private static async Task InBody<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, e.Field);
        }
    }
}
