using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Localities;
using Bijie.Actors.Grains.Reference;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Subjects;

/// <summary>
/// A project and its status machine. Every transition is a ledger entry with who and when, so the history is
/// the ledger's and the grain state holds only the project as it stands.
/// </summary>
public sealed class ProjectGrain(
    [PersistentState("project", StorageNames.Default)] IPersistentState<SubjectState<ProjectInfo>> state,
    ILedger ledger,
    Webhooks.WebhookDispatcher webhooks,
    TimeProvider time,
    DivisionCatalog divisions) : SubjectGrain<ProjectInfo>(state, ledger, time), IProjectGrain
{
    private const decimal MaxYuan = 1_000_000_000_000m; // 1 万亿元: beyond any project of the programme

    public async Task<ProjectInfo> ProposeAsync(ProposeProject request, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = this.GetPrimaryKeyString();
        ChosenIds.CheckForm(id, "project.id", "A project id"); // a matched need makes "need-…" here; requests may not (ProjectsApi)
        if (Info is not null)
        {
            if (Info.Status == ProjectStatus.Proposed && Info.Title == request.Title && Info.ProposedOn == request.ProposedOn)
            {
                return Info; // a retry of the proposal that made it
            }

            throw DomainException.Conflict("project.exists", $"Project '{id}' exists already.");
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200)
        {
            throw DomainException.Invalid("project.title", "A project needs a title of at most 200 characters.", "title");
        }

        if (!Enum.IsDefined(request.Track))
        {
            throw DomainException.Invalid("project.track", "Unknown track.", "track");
        }

        divisions.Get(request.LocalityCode, "localityCode");
        StaffDirectory.Require(request.ResponsibleStaffId);
        await GrainFactory.GetGrain<IHelperGrain>(request.LeadHelperId).GetAsync();
        foreach (var co in request.CoHelperIds.Distinct())
        {
            await GrainFactory.GetGrain<IHelperGrain>(co).GetAsync();
        }

        if (request.ProposedOn > Today)
        {
            throw DomainException.Invalid("project.date_in_future", $"{request.ProposedOn:yyyy-MM-dd} is after today ({Today:yyyy-MM-dd}, Asia/Shanghai).", "proposedOn");
        }

        ValidateProgress(request.Money, request.Milestones);
        var next = new ProjectInfo(
            id, request.Title.Trim(), request.Track, request.LocalityCode, request.LeadHelperId,
            request.CoHelperIds.Distinct().Where(c => c != request.LeadHelperId).ToArray(), request.ResponsibleStaffId,
            request.Money, request.Milestones.ToArray(), ProjectStatus.Proposed, request.ProposedOn, null, null, null, null, null,
            1, actor.Id, Time.GetUtcNow(), null);
        return await CommitAsync(next, actor, request.ProposedOn);
    }

    public async Task<ProjectInfo> TransitionAsync(ProjectTransition transition, ActorRef actor, int? expectedVersion = null)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var current = Require();
        CheckVersion(expectedVersion);
        var allowed = ProjectTransitions.From(current.Status);
        if (!allowed.Contains(transition.To))
        {
            var names = allowed.Count == 0 ? "none (it is final)" : string.Join(", ", allowed);
            throw DomainException.Conflict("project.illegal_transition",
                $"Project '{current.Id}' is {current.Status}; it cannot move to {transition.To}. Allowed: {names}.", "to");
        }

        var lastDate = new[] { current.ProposedOn, current.InLibraryOn, current.StartedOn, current.FinishedOn }.Max() ?? current.ProposedOn;
        if (transition.On > Today || transition.On < lastDate)
        {
            throw DomainException.Invalid("project.transition_date", $"The date must lie between {lastDate:yyyy-MM-dd} and today.", "on");
        }

        if (transition.Reason is { Length: > 500 })
        {
            throw DomainException.Invalid("project.reason", "A reason has at most 500 characters.", "reason");
        }

        var next = transition.To switch
        {
            ProjectStatus.InLibrary => current with { InLibraryOn = transition.On },
            ProjectStatus.Planned => current with
            {
                PlannedYear = transition.PlannedYear is { } y && y >= transition.On.Year && y <= transition.On.Year + 5
                    ? y
                    : throw DomainException.Invalid("project.planned_year", "Planning needs the year of implementation (this year or up to five years on).", "plannedYear"),
                PlannedOn = transition.On,
            },
            ProjectStatus.InProgress => current.Status == ProjectStatus.Suspended ? current : current with { StartedOn = transition.On },
            ProjectStatus.Completed => current with { FinishedOn = transition.On },
            ProjectStatus.Accepted => current with { AcceptedOn = transition.On },
            ProjectStatus.Cancelled => current with { CancelledOn = transition.On },
            _ => current,
        };
        next = next with
        {
            Status = transition.To,
            SuspendedFrom = transition.To == ProjectStatus.Suspended ? current.Status : null,
            Version = current.Version + 1,
            ChangedBy = actor.Id,
            ChangedAt = Time.GetUtcNow(),
        };
        var committed = await CommitAsync(next, actor, transition.On);
        webhooks.Publish(WebhookEvents.ProjectStatusChanged, new
        {
            projectId = committed.Id, from = current.Status.ToString(), to = committed.Status.ToString(), on = transition.On, committed.Version, by = actor.Id,
        });
        return committed;
    }

    public async Task<ProjectInfo> UpdateProgressAsync(ProjectMoney money, IReadOnlyList<Milestone> milestones, ActorRef actor, int? expectedVersion = null)
    {
        var current = Require();
        CheckVersion(expectedVersion);
        if (current.Status is ProjectStatus.Cancelled or ProjectStatus.Accepted)
        {
            throw DomainException.Conflict("project.closed", $"Project '{current.Id}' is {current.Status}; its progress is final.");
        }

        ValidateProgress(money, milestones);
        var next = current with { Money = money, Milestones = milestones.ToArray(), Version = current.Version + 1, ChangedBy = actor.Id, ChangedAt = Time.GetUtcNow() };
        return await CommitAsync(next, actor, Today);
    }

    public async Task<ProjectInfo> AssignResponsibleAsync(string staffId, ActorRef actor, int? expectedVersion = null)
    {
        var current = Require();
        CheckVersion(expectedVersion);
        if (current.Status is ProjectStatus.Cancelled or ProjectStatus.Accepted)
        {
            throw DomainException.Conflict("project.closed", $"Project '{current.Id}' is {current.Status}; it needs no one responsible any more.");
        }

        StaffDirectory.Require(staffId);
        if (current.ResponsibleStaffId == staffId)
        {
            return current;
        }

        var next = current with { ResponsibleStaffId = staffId, Version = current.Version + 1, ChangedBy = actor.Id, ChangedAt = Time.GetUtcNow() };
        return await CommitAsync(next, actor, Today);
    }

    public Task<ProjectInfo> GetAsync() => Task.FromResult(Require());

    public async Task<IReadOnlyList<ProjectHistoryItem>> GetHistoryAsync()
    {
        Require();
        var entries = await Ledger.ReadSubjectEntriesAsync(this.GetPrimaryKeyString(), 500);
        var history = new List<ProjectHistoryItem>();
        ProjectStatus? last = null;
        foreach (var e in entries.Where(e => e.Entry.Kind == EntryKind.SubjectChange && e.Entry.Body is not null))
        {
            var info = JsonSerializer.Deserialize<ProjectInfo>(e.Entry.Body!, Json)!;
            if (info.Status != last)
            {
                history.Add(new ProjectHistoryItem(info.Version, info.Status, e.Entry.OccurredOn, e.Entry.Actor, e.Entry.RecordedAt, null));
                last = info.Status;
            }
        }

        return history;
    }

    public Task<ReportContext> GetReportContextAsync()
    {
        var p = Require();
        return Task.FromResult(new ReportContext(
            p.Id, p.Status == ProjectStatus.InProgress, p.StartedOn ?? p.ProposedOn, ReportScopes(p),
            [p.LeadHelperId, .. p.CoHelperIds], null));
    }

    protected override int VersionOf(ProjectInfo info) => info.Version;

    protected override IEnumerable<LedgerLine> MembershipLines(ProjectInfo p)
    {
        var scopes = ReportScopes(p);
        var cancelled = p.Status == ProjectStatus.Cancelled;
        int? closed = p.FinishedOn?.Year ?? p.CancelledOn?.Year;
        yield return Member(Scopes.AllProjects, p.Id, p.ProposedOn.Year, closed, scopes);
        if (!cancelled)
        {
            yield return Member(Scopes.LiveProjects, p.Id, p.ProposedOn.Year, null, scopes);
            if (p.Track == Track.Regional)
            {
                yield return Member(Indicators.RegionalProjectsNew, p.Id, p.ProposedOn.Year, p.ProposedOn.Year, scopes);
            }

            // Counted on the board of the year before its planned year, if it was planned by then.
            if (p is { PlannedYear: { } planned, PlannedOn: { } plannedOn } && plannedOn.Year <= planned - 1)
            {
                yield return Member(Indicators.PlannedProjectsNextYear, p.Id, planned - 1, planned - 1, scopes);
            }
        }

        // In the library (入库, including planned) from the year it entered until the year before it started or
        // was cancelled: the library is the pool of vetted projects not yet under way.
        if (p.InLibraryOn is { } library)
        {
            int? left = (p.StartedOn ?? p.CancelledOn)?.Year;
            if (left is null || left - 1 >= library.Year)
            {
                yield return Member(Indicators.LibraryProjects, p.Id, library.Year, left - 1, scopes);
            }
        }

        if (p.StartedOn is { } started)
        {
            yield return Member(Indicators.ProjectsTotal, p.Id, started.Year, closed, scopes);
        }

        // The funnel counts, for each year, the live projects that had reached each stage by then.
        if (!cancelled)
        {
            DateOnly?[] reached = [p.InLibraryOn, p.PlannedOn ?? (p.PlannedYear is null ? null : p.InLibraryOn), p.StartedOn, p.FinishedOn, p.AcceptedOn ?? (p.Status == ProjectStatus.Accepted ? p.FinishedOn : null)];
            for (var i = 0; i < reached.Length; i++)
            {
                if (reached[i] is { } on)
                {
                    yield return Member(Scopes.Stage(Scopes.FunnelStages[i]), p.Id, on.Year, null, scopes);
                }
            }
        }
    }

    private static IReadOnlyList<string> ReportScopes(ProjectInfo p)
    {
        var scopes = LocalityScopes(p.LocalityCode).ToList();
        scopes.Add(Scopes.Track(p.Track));
        scopes.Add(Scopes.Helper(p.LeadHelperId));
        scopes.AddRange(p.CoHelperIds.Select(Scopes.Helper));
        scopes.Add(Scopes.Subject(p.Id));
        return scopes;
    }

    private ProjectInfo Require() => Info
        ?? throw DomainException.NotFound("project.unknown", $"No project '{this.GetPrimaryKeyString()}'.", "projectId");

    private static void ValidateProgress(ProjectMoney money, IReadOnlyList<Milestone> milestones)
    {
        foreach (var (value, field) in new[] { (money.PlannedYuan, "plannedYuan"), (money.SignedYuan, "signedYuan"), (money.LandedYuan, "landedYuan") })
        {
            if (value < 0 || value > MaxYuan || decimal.Round(value, 2) != value)
            {
                throw DomainException.Invalid("project.money", $"{field} must be between 0 and {MaxYuan:N0} yuan, to the fen.", field);
            }
        }

        if (milestones.Count > 50)
        {
            throw DomainException.Invalid("project.milestones", "A project has at most 50 milestones.", "milestones");
        }

        foreach (var m in milestones)
        {
            if (m is null || string.IsNullOrWhiteSpace(m.Title) || m.Title.Length > 200 || m.PercentComplete is < 0 or > 100)
            {
                throw DomainException.Invalid("project.milestone", $"Milestone '{m?.Id}' needs a title and a percent complete from 0 to 100.", "milestones");
            }
        }

        if (milestones.Select(m => m.Id).Distinct().Count() != milestones.Count)
        {
            throw DomainException.Invalid("project.milestone_ids", "Milestone ids must be distinct.", "milestones");
        }
    }
}
