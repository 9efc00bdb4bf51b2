using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Grains.Reference;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Needs;

/// <summary>
/// A need Bijie posts (毕节所需), matched to a helper's strengths (统战所长). The ranking is explained: every
/// candidate carries the reasons of its score, so the office sees why a helper comes first before it confirms.
/// </summary>
public sealed class NeedGrain(
    [PersistentState("need", StorageNames.Default)] IPersistentState<NeedState> state,
    Webhooks.WebhookDispatcher webhooks,
    TimeProvider time,
    ILedger ledger) : Grain, INeedGrain
{
    /// <summary>Points for each reason; a need's domain among a helper's strengths weighs most.</summary>
    public const int DomainFitPoints = 50, SameLocalityPoints = 30, SameCountyPoints = 20, RegionServedPoints = 10, PointsPerProject = 2, MaxLoadPenalty = 30;

    public async Task<NeedInfo> PostAsync(PostNeed request, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (state.State.Info is { } existing)
        {
            return existing.Title == request.Title.Trim() && existing.LocalityCode == request.LocalityCode
                ? existing
                : throw DomainException.Conflict("need.exists", $"Need '{existing.Id}' exists already.");
        }

        if (!Enum.IsDefined(request.Domain) || request.Domain == Track.Regional)
        {
            throw DomainException.Invalid("need.domain", "A need names one of the five domains: technology, industry, education, health, talent.", "domain");
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200)
        {
            throw DomainException.Invalid("need.title", "A need needs a title of at most 200 characters.", "title");
        }

        if (request.Description is { Length: > 2000 })
        {
            throw DomainException.Invalid("need.description", "A description has at most 2000 characters.", "description");
        }

        if (request.BudgetYuan < 0 || request.BudgetYuan > 10_000_000_000m || decimal.Round(request.BudgetYuan, 2) != request.BudgetYuan)
        {
            throw DomainException.Invalid("need.budget", "The budget is in yuan with at most two decimals, from 0 to 100 亿元.", "budgetYuan");
        }

        if (!Enum.IsDefined(request.Urgency))
        {
            throw DomainException.Invalid("need.urgency", "urgency is Low, Normal or High.", "urgency");
        }

        var today = ProgrammeClock.Today(time);
        if (request.Deadline < today || request.Deadline > today.AddYears(5))
        {
            throw DomainException.Invalid("need.deadline", "The deadline lies between today and five years on.", "deadline");
        }

        LocalityInfo place;
        try
        {
            place = await GrainFactory.GetLocality(request.LocalityCode).GetAsync();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, "localityCode");
        }

        var allowed = actor.ManagesEverything || (actor.Role == ActorRole.Locality && actor.OrganizationId is { } own && place.Code.StartsWith(own, StringComparison.Ordinal));
        if (!allowed)
        {
            throw DomainException.Forbidden("need.post", "A locality's office posts needs in its own locality; the programme office anywhere.");
        }

        // A locality's office posts under its quota of open needs; the programme office is trusted and not counted.
        var quotaKey = actor.ManagesEverything ? null : actor.OrganizationId;
        if (quotaKey is not null)
        {
            await GrainFactory.GetGrain<INeedQuotaGrain>(quotaKey).ReserveAsync(this.GetPrimaryKeyString());
        }

        state.State.QuotaKey = quotaKey;
        var info = new NeedInfo(this.GetPrimaryKeyString(), request.Domain, place.Code, request.Title.Trim(), request.Description?.Trim(), request.BudgetYuan,
            request.Urgency, request.Deadline, NeedStatus.Open, actor.Id, time.GetUtcNow(), null, null, null, null, 1);
        return await SaveAsync(info, actor, "post");
    }

    public Task<NeedInfo> GetAsync() => Task.FromResult(Require());

    public async Task<IReadOnlyList<MatchCandidate>> CandidatesAsync()
    {
        var need = Require();
        var county = need.LocalityCode.Length >= 6 ? need.LocalityCode[..6] : need.LocalityCode;
        var year = ProgrammeClock.Today(time).Year;
        var helperIds = await Registries.ListAsync(GrainFactory, Registries.Helpers);
        var scored = await Task.WhenAll(helperIds.Select(async id =>
        {
            var helper = await GrainFactory.GetGrain<IHelperGrain>(id).GetAsync();
            var helperScope = GrainFactory.GetGrain<IScopeGrain>(Scopes.Helper(id));
            var pairingIds = await helperScope.GetMembersAsync(Scopes.ActivePairings, year);
            var places = await Task.WhenAll(pairingIds.Select(async p => (await GrainFactory.GetGrain<IPairingGrain>(p).GetAsync()).LocalityCode));
            var load = (int)((await helperScope.GetBoardAsync(year)).Figures.FirstOrDefault(f => f.Indicator == Indicators.ProjectsTotal)?.Value ?? 0);

            var reasons = new List<string>();
            var score = 0;
            var fit = helper.Strengths.Contains(need.Domain);
            if (fit)
            {
                score += DomainFitPoints;
                reasons.Add($"擅长{need.Domain.NameZh()} · strong in {need.Domain.Code()} (+{DomainFitPoints})");
            }

            var here = places.Count(p => need.LocalityCode.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(need.LocalityCode, StringComparison.Ordinal));
            var inCounty = places.Count(p => p.StartsWith(county, StringComparison.Ordinal));
            if (here > 0)
            {
                score += SameLocalityPoints;
                reasons.Add($"在当地已有结对 {here} 个 · {here} pairing(s) at this place (+{SameLocalityPoints})");
            }
            else if (inCounty > 0)
            {
                score += SameCountyPoints;
                reasons.Add($"在本县已有结对 {inCounty} 个 · {inCounty} pairing(s) in this county (+{SameCountyPoints})");
            }

            if (helper.LocalityCode is { } served && (county.StartsWith(served, StringComparison.Ordinal) || served.StartsWith(county, StringComparison.Ordinal)))
            {
                score += RegionServedPoints;
                reasons.Add($"服务本地区 · serves this region (+{RegionServedPoints})");
            }

            var penalty = Math.Min(MaxLoadPenalty, load * PointsPerProject);
            if (penalty > 0)
            {
                score -= penalty;
            }

            reasons.Add($"在施项目 {load} 个 · {load} project(s) under way (−{penalty})");
            return (helper, score, fit, inCounty, load, reasons);
        }));

        return scored
            .OrderByDescending(c => c.score).ThenBy(c => c.load).ThenBy(c => c.helper.Id, StringComparer.Ordinal)
            .Select((c, i) => new MatchCandidate(i + 1, c.helper.Id, c.helper.NameZh, c.score, c.fit, c.inCounty, c.load, c.reasons))
            .ToArray();
    }

    public async Task<NeedInfo> MatchAsync(string helperId, string responsibleStaffId, ActorRef actor)
    {
        var need = Require();
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("need.match", "The programme office confirms matches.");
        }

        if (need.Status == NeedStatus.Matched && need.MatchedHelperId == helperId)
        {
            await ReleaseQuotaAsync();
            return need; // a retry of the confirmation
        }

        if (need.Status != NeedStatus.Open)
        {
            throw DomainException.Conflict("need.not_open", $"Need '{need.Id}' is {need.Status}.");
        }

        StaffDirectory.Require(responsibleStaffId);
        var today = ProgrammeClock.Today(time);
        var projectId = $"need-{need.Id}";
        var project = GrainFactory.GetGrain<IProjectGrain>(projectId);
        try
        {
            await project.ProposeAsync(new ProposeProject(need.Title, need.Domain, need.LocalityCode, helperId, [], responsibleStaffId,
                new ProjectMoney(need.BudgetYuan, 0, 0), [], today), actor);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, "helperId");
        }

        if ((await project.GetAsync()).Status == ProjectStatus.Proposed)
        {
            await project.TransitionAsync(new ProjectTransition(ProjectStatus.InLibrary, today), actor); // 入库
        }

        var matched = await SaveAsync(need with
        {
            Status = NeedStatus.Matched, MatchedHelperId = helperId, MatchedAt = time.GetUtcNow(), ProjectId = projectId, Version = need.Version + 1,
        }, actor, "match");
        var notice = new Notification(Guid.NewGuid(), "need.matched", $"需求已对接：{need.Title}", $"帮扶单位 {helperId} 将实施项目 {projectId} · matched",
            NoticeTarget.Project(projectId), time.GetUtcNow(), false);
        // The offices of the place and of each level above it up to the county, and the helper.
        var places = new[] { 6, 9, 12 }.Where(n => n <= need.LocalityCode.Length).Select(n => need.LocalityCode[..n]);
        await Task.WhenAll(places.Select(p => GrainFactory.GetGrain<IInboxGrain>(Inboxes.Locality(p)).NotifyAsync(notice))
            .Append(GrainFactory.GetGrain<IInboxGrain>(Inboxes.Helper(helperId)).NotifyAsync(notice)));
        webhooks.Publish(WebhookEvents.NeedMatched, new { needId = need.Id, need.Title, helperId, projectId, localityCode = need.LocalityCode, domain = need.Domain.Code() });
        return matched;
    }

    public async Task<NeedInfo> CloseAsync(NeedStatus status, ActorRef actor)
    {
        var need = Require();
        if (!Access.OwnsPlace(actor, need.LocalityCode))
        {
            // Another place's need is "not there" for this account, before anything is said of its status.
            throw DomainException.NotFound("need.unknown", $"No need '{need.Id}'.", "needId");
        }

        if (need.Status == status)
        {
            await ReleaseQuotaAsync();
            return need;
        }

        var allowed = status switch
        {
            NeedStatus.Fulfilled => actor.ManagesEverything && need.Status == NeedStatus.Matched,
            NeedStatus.Withdrawn => need.Status == NeedStatus.Open,
            _ => false,
        };
        if (!allowed)
        {
            throw DomainException.Conflict("need.close", $"Need '{need.Id}' is {need.Status}: it cannot become {status} by this account.");
        }

        return await SaveAsync(need with { Status = status, ClosedAt = time.GetUtcNow(), Version = need.Version + 1 }, actor, status == NeedStatus.Withdrawn ? "withdraw" : "close");
    }

    private NeedInfo Require() => state.State.Info
        ?? throw DomainException.NotFound("need.unknown", $"No need '{this.GetPrimaryKeyString()}'.", "needId");

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        Require();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.Need, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    private async Task<NeedInfo> SaveAsync(NeedInfo info, ActorRef actor, string action)
    {
        state.State.Info = info;
        await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Need, info.Id, actor.Id, action, info);
        await NeedRegistry.PutAsync(GrainFactory, new NeedSummary(info.Id, info.Title, info.Domain, info.LocalityCode, info.Status, info.Urgency,
            info.Deadline, info.PostedAt, info.MatchedAt, info.MatchedHelperId));
        await ReleaseQuotaAsync();
        return info;
    }

    /// <summary>A need no longer open leaves its locality's quota (again on a retry, in case the first release failed).</summary>
    private Task ReleaseQuotaAsync() => state.State is { QuotaKey: { } key, Info.Status: not NeedStatus.Open }
        ? GrainFactory.GetGrain<INeedQuotaGrain>(key).ReleaseAsync(this.GetPrimaryKeyString())
        : Task.CompletedTask;
}
