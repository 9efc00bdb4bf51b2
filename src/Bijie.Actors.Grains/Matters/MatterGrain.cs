using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Grains.Reference;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Matters;

/// <summary>
/// A support matter raised with a helper (争取支持事项), handled step by step (交办 → 承办 → 办结 → 反馈). Its due
/// date is watched by an Orleans reminder kept in the reminder table, not in memory: past the due date an open
/// matter escalates, then again every escalation interval, on whichever silo holds the reminder, across restarts
/// and the loss of silos, until it is concluded.
/// </summary>
public sealed class MatterGrain(
    [PersistentState("matter", StorageNames.Default)] IPersistentState<MatterState> state,
    IOptions<MatterOptions> options,
    Webhooks.WebhookDispatcher webhooks,
    TimeProvider time,
    ILedger ledger,
    ILogger<MatterGrain> logger) : Grain, IMatterGrain, IRemindable
{
    private const string Watch = "overdue";

    public async Task<MatterInfo> RaiseAsync(RaiseMatter request, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        ChosenIds.Check(this.GetPrimaryKeyString(), "matter.id", "A matter id");
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("matter.raise", "Only the programme office raises support matters.");
        }

        if (state.State.Info is { } existing)
        {
            return existing.Title == request.Title.Trim() && existing.HelperId == request.HelperId && existing.Due == request.Due
                ? existing // a retry of the request that raised it
                : throw DomainException.Conflict("matter.exists", $"Matter '{existing.Id}' exists already.");
        }

        await ValidateAsync(request);
        var now = time.GetUtcNow();
        var info = new MatterInfo(this.GetPrimaryKeyString(), request.Title.Trim(), request.Description?.Trim(), request.HelperId, request.LocalityCode,
            request.Domain, request.ResponsibleStaffId, request.Due, new[] { new MatterStepRecord(MatterStep.Assigned, actor.Id, now, null) }, 0, null, 1);
        // (Arrays, not collection expressions: the state is stored as JSON naming its types, and the compiler's
        // own list types cannot be read back.)

        // The reminder first: should the state write then fail, the reminder finds no matter and removes itself.
        var first = MatterRules.DueEnd(request.Due) - now;
        await this.RegisterOrUpdateReminder(Watch, first < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : first, options.Value.EscalationInterval);
        state.State.Info = info;
        await SaveAsync(actor.Id, "raise");
        await ListAsync(info);
        return info;
    }

    public async Task<MatterInfo> AdvanceAsync(MatterStep step, string? note, ActorRef actor, int? expectedVersion = null)
    {
        var info = Require();
        if (!Access.ActsFor(actor, ActorRole.Helper, info.HelperId))
        {
            // Another helper's matter is "not there", before its version or step is told.
            throw DomainException.NotFound("matter.unknown", $"No support matter '{info.Id}'.", "matterId");
        }

        if (expectedVersion is { } version && version != info.Version)
        {
            throw DomainException.Stale($"Matter '{info.Id}'", info.Version, version);
        }

        var next = MatterRules.Next(info.Step);
        if (step != next)
        {
            throw DomainException.Conflict("matter.step", next is null
                ? $"Matter '{info.Id}' is fed back: it takes no more steps."
                : $"Matter '{info.Id}' is at {info.Step}; its next step is {next}, not {step}.");
        }

        var allowed = actor.ManagesEverything || (actor.Role == ActorRole.Helper && actor.OrganizationId == info.HelperId
            && step is MatterStep.Undertaken or MatterStep.Concluded);
        if (!allowed)
        {
            throw DomainException.Forbidden("matter.step", "The helper it was assigned to undertakes and concludes a matter; the office feeds back.");
        }

        if (note is { Length: > 1000 })
        {
            throw DomainException.Invalid("matter.note", "A note has at most 1000 characters.", "note");
        }

        var advanced = info with
        {
            Steps = info.Steps.Append(new MatterStepRecord(step, actor.Id, time.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim())).ToArray(),
            Version = info.Version + 1,
        };
        state.State.Info = advanced;
        await SaveAsync(actor.Id, step.ToString().ToLowerInvariant());
        if (advanced.Closed && await this.GetReminder(Watch) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await ListAsync(advanced);
        return advanced;
    }

    public Task<MatterInfo> GetAsync() => Task.FromResult(Require());

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        Require();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.Matter, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    /// <summary>Records the change and stores the matter: its fields and its latest step (the steps before it are in the earlier records).</summary>
    private Task SaveAsync(string actor, string action)
    {
        var info = Require();
        var last = info.Steps[^1];
        return ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Matter, info.Id, actor, action, new
        {
            info.Title, info.Description, info.HelperId, info.LocalityCode, info.Domain, info.ResponsibleStaffId, info.Due,
            step = last.Step, stepNote = last.Note, info.Escalations,
        });
    }

    public Task<string> ServedByAsync() => Task.FromResult(RuntimeIdentity);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var info = state.State.Info;
        var now = time.GetUtcNow();
        if (info is null || info.Closed)
        {
            if (await this.GetReminder(reminderName) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }

            return;
        }

        if (!info.IsOverdue(now))
        {
            return;
        }

        var escalated = info with { Escalations = info.Escalations + 1, LastEscalatedAt = now };
        state.State.Info = escalated;
        await SaveAsync(ActorRef.System.Id, "escalate");
        await ListAsync(escalated);
        // The office and the helper hear of it in their inboxes; one notification per escalation.
        var notice = new Notification(Inboxes.NotificationId($"{info.Id}#{escalated.Escalations}"), "matter.overdue",
            $"争取支持事项逾期：{info.Title}", $"应于 {info.Due:yyyy-MM-dd} 办结，第 {escalated.Escalations} 次督办 · overdue since {info.Due:yyyy-MM-dd}, escalation {escalated.Escalations}",
            NoticeTarget.Matter(info.Id), now, false);
        await Task.WhenAll(
            GrainFactory.GetGrain<IInboxGrain>(Inboxes.Office).NotifyAsync(notice),
            GrainFactory.GetGrain<IInboxGrain>(Inboxes.Helper(info.HelperId)).NotifyAsync(notice));
        webhooks.Publish(WebhookEvents.MatterOverdue, new
        {
            matterId = info.Id, info.Title, info.HelperId, info.ResponsibleStaffId, due = info.Due, escalations = escalated.Escalations,
        });
        logger.LogWarning("Support matter {Matter} ({Title}) is overdue since {Due}: escalation {Count} to {Staff}",
            info.Id, info.Title, info.Due, escalated.Escalations, info.ResponsibleStaffId);
    }

    private MatterInfo Require() => state.State.Info
        ?? throw DomainException.NotFound("matter.unknown", $"No support matter '{this.GetPrimaryKeyString()}'.", "matterId");

    private Task ListAsync(MatterInfo info) =>
        MatterRegistry.PutAsync(GrainFactory, new MatterSummary(info.Id, info.Title, info.HelperId, info.ResponsibleStaffId, info.Due, info.Step, info.Escalations));

    private async Task ValidateAsync(RaiseMatter request)
    {
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200)
        {
            throw DomainException.Invalid("matter.title", "A matter needs a title of at most 200 characters.", "title");
        }

        if (request.Description is { Length: > 2000 })
        {
            throw DomainException.Invalid("matter.description", "A description has at most 2000 characters.", "description");
        }

        var today = ProgrammeClock.Today(time);
        if (request.Due < new DateOnly(2000, 1, 1) || request.Due > today.AddYears(5))
        {
            throw DomainException.Invalid("matter.due", "The due date lies between 2000 and five years from today.", "due");
        }

        StaffDirectory.Require(request.ResponsibleStaffId);
        try
        {
            await GrainFactory.GetGrain<IHelperGrain>(request.HelperId).GetAsync();
            if (request.LocalityCode is { } code)
            {
                await GrainFactory.GetLocality(code).GetAsync();
            }
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, e.Field);
        }
    }
}
