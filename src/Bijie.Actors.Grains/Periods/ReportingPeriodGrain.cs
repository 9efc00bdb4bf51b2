using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Periods;

/// <summary>
/// A reporting period. Only late reports ask it (the intake computes the default deadline itself), so it sits on
/// no hot path; its exceptions are few, one per pairing or project the office lets report late.
/// </summary>
public sealed class ReportingPeriodGrain(
    [PersistentState("period", StorageNames.Default)] IPersistentState<ReportingPeriodState> state,
    IOptions<ReportingOptions> options,
    TimeProvider time,
    ILedger ledger) : Grain, IReportingPeriodGrain
{
    private const int MaxExceptions = 10_000;

    private string Id => this.GetPrimaryKeyString();

    public Task<PeriodInfo> GetAsync() => Task.FromResult(Info());

    private PeriodInfo Info()
    {
        var (first, last) = ReportingPeriods.Require(Id);
        var rules = options.Value.Rules;
        var deadline = state.State.Deadline ?? rules.DefaultDeadline(Id);
        var closes = rules.Closes(first);
        return new PeriodInfo(Id, first, last, deadline, state.State.Deadline is not null, closes && ProgrammeClock.Today(time) > deadline,
            state.State.Exceptions.OrderBy(e => e.SubjectId, StringComparer.Ordinal).ToArray());
    }

    public Task<bool> AcceptsAsync(string subjectId)
    {
        var info = Info();
        var today = ProgrammeClock.Today(time);
        return Task.FromResult(!info.Closed || info.Exceptions.Any(e => e.SubjectId == subjectId && e.Until >= today));
    }

    public Task<bool> HasExceptionAsync(string subjectId)
    {
        var today = ProgrammeClock.Today(time);
        return Task.FromResult(state.State.Exceptions.Any(e => e.SubjectId == subjectId && e.Until >= today));
    }

    public async Task<PeriodInfo> SetDeadlineAsync(DateOnly? deadline, ActorRef actor)
    {
        RequireOffice(actor);
        var (_, last) = ReportingPeriods.Require(Id);
        if (deadline is { } d && (d < last || d > last.AddYears(2)))
        {
            throw DomainException.Invalid("period.deadline", $"A deadline falls between the period's last day ({last:yyyy-MM-dd}) and two years later.", "deadline");
        }

        state.State.Deadline = deadline;
        await SaveAsync(actor, deadline is null ? "default-deadline" : "move-deadline");
        return Info();
    }

    public async Task<PeriodInfo> GrantExceptionAsync(string subjectId, DateOnly until, string reason, ActorRef actor)
    {
        RequireOffice(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw DomainException.Invalid("period.reason", "An exception needs a reason of at most 500 characters.", "reason");
        }

        var today = ProgrammeClock.Today(time);
        if (until < today || until > today.AddDays(366))
        {
            throw DomainException.Invalid("period.until", "'until' falls between today and a year from now.", "until");
        }

        await RequireSubjectAsync(subjectId);
        var others = state.State.Exceptions.Where(e => e.SubjectId != subjectId).ToArray();
        if (others.Length >= MaxExceptions)
        {
            throw DomainException.Conflict("period.too_many_exceptions", $"A period holds at most {MaxExceptions} exceptions; move its deadline instead.");
        }

        state.State.Exceptions = [.. others, new PeriodException(subjectId, until, reason.Trim(), actor.Id, time.GetUtcNow())];
        await SaveAsync(actor, "grant-exception");
        return Info();
    }

    public async Task<PeriodInfo> RevokeExceptionAsync(string subjectId, ActorRef actor)
    {
        RequireOffice(actor);
        state.State.Exceptions = state.State.Exceptions.Where(e => e.SubjectId != subjectId).ToArray();
        await SaveAsync(actor, "revoke-exception");
        return Info();
    }

    public Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        ReportingPeriods.Require(Id);
        return ChangeTrail.ReadAsync(ledger, ChangeResources.Period, Id, state.State.ChangeVersion);
    }

    /// <summary>Records the change and stores the period: its deadline, and each exception by the pairing or project it lets report late.</summary>
    private Task SaveAsync(ActorRef actor, string action)
    {
        var fields = new Dictionary<string, object?> { ["deadline"] = state.State.Deadline };
        foreach (var e in state.State.Exceptions.OrderBy(e => e.SubjectId, StringComparer.Ordinal))
        {
            fields[$"exception:{e.SubjectId}"] = new { e.Until, e.Reason };
        }

        return ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Period, Id, actor.Id, action, fields);
    }

    private async Task RequireSubjectAsync(string subjectId)
    {
        try
        {
            await GrainFactory.GetGrain<IPairingGrain>(subjectId ?? "").GetAsync();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            try
            {
                await GrainFactory.GetGrain<IProjectGrain>(subjectId ?? "").GetAsync();
            }
            catch (DomainException e2) when (e2.Kind == DomainErrorKind.NotFound)
            {
                throw DomainException.Invalid("period.subject", $"No pairing or project '{subjectId}'.", "subjectId");
            }
        }
    }

    private static void RequireOffice(ActorRef actor)
    {
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("period.forbidden", "The programme office sets deadlines and grants exceptions.");
        }
    }
}
