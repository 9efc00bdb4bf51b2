using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Approvals;

/// <summary>
/// The level-by-level approval of one reporting period. Each approval is first a ledger entry (keyed by the period,
/// the unit, the level and how many times that level's approval of the unit was taken back, so a retry finds it
/// committed), whose lines put the approved figures under "approved:{level}:{indicator}" into every locality board
/// above the unit; only then is the grain's state written. The lowest level approves the unit's figures as the ledger
/// holds them at that moment (its position is kept); each level above approves those same figures. Unapproving is the
/// reversal of the latest approval.
/// </summary>
public sealed class PeriodApprovalsGrain(
    [PersistentState("approvals", StorageNames.Default)] IPersistentState<PeriodApprovalsState> state,
    ILedger ledger,
    DivisionCatalog divisions,
    IOptions<ApprovalOptions> options,
    TimeProvider time) : Grain, IPeriodApprovalsGrain
{
    private string Period => this.GetPrimaryKeyString();

    public async Task<ApprovalBatch> ApproveAsync(string unit, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (first, last) = ReportingPeriods.Require(Period);
        var levels = LevelsOf(unit);
        var actingLevel = ActingLevel(unit, actor, levels); // whose batch it is comes first: a stranger learns nothing of its state
        if (ProgrammeClock.Today(time) <= last)
        {
            throw DomainException.Conflict("approval.period_open", $"The period {Period} runs until {last:yyyy-MM-dd}; its figures are approved after it ends.", "period");
        }

        var steps = Steps(unit);
        if (steps.Count == levels.Count)
        {
            throw DomainException.Conflict("approval.complete", $"{Name(unit)}'s {Period} figures are approved at every level.", "unit");
        }

        var next = levels[steps.Count];
        var acting = actingLevel ?? next; // the office stands in for the level that is next
        if (acting < next)
        {
            throw DomainException.Conflict("approval.below_pending",
                $"{Name(unit)}'s {Period} figures wait for the {next.Name()} level's approval first; a level approves what the level below approved.", "unit");
        }

        if (acting > next)
        {
            throw DomainException.Conflict("approval.already", $"The {acting.Name()} level approved {Name(unit)}'s {Period} figures already.", "unit");
        }

        // The lowest level approves the figures as the ledger holds them now; each level above, the same figures.
        var (through, amounts) = steps.Count == 0
            ? await SumAsync(unit, first, last)
            : (steps[^1].Through, steps[^1].Amounts);
        var body = JsonSerializer.Serialize(new { period = Period, unit, level = next.Name(), through, amounts });
        var scopes = LocalityCodes.Lineage(unit).Select(Scopes.Locality).ToArray();
        var lines = amounts.Where(a => a.Value != 0)
            .Select(a => new LedgerLine(ApprovalRules.Indicator(next, a.Key), (short)last.Year, null, null, null, a.Value, scopes)).ToArray();
        LedgerEntry stored;
        while (true)
        {
            var taken = state.State.Taken.GetValueOrDefault(TakenKey(unit, next));
            var entry = new LedgerEntry(Guid.NewGuid(), EntryKind.Review, "approval", $"{Period}:{unit}:{next.Name()}:{taken}", LedgerEntry.HashOf(body),
                $"approval:{Period}:{unit}", null, last, time.GetUtcNow(), actor.Id, false, null, body, lines);
            var result = await LedgerEntries.AppendAsync(ledger, entry, "approve again: an approval that was committed is found, not made twice");
            if (result.Outcome == AppendOutcome.Committed)
            {
                stored = entry;
                break;
            }

            // Committed before (a retry whose answer was lost): that approval, unless it was taken back meanwhile and the
            // count of take-backs never reached the state; then the next key.
            if (!await ledger.IsReversedAsync(result.EntryId))
            {
                stored = (await ledger.FindAsync(result.EntryId))!.Entry;
                break;
            }

            state.State.Taken[TakenKey(unit, next)] = taken + 1;
        }
        state.State.Batches[unit] = [.. steps, new ApprovalStep(next, stored.Actor, stored.RecordedAt, stored.EntryId, through, amounts)];
        await state.WriteStateAsync();
        return Batch(unit);
    }

    public async Task<ApprovalBatch> UnapproveAsync(string unit, string reason, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ReportingPeriods.Require(Period);
        var levels = LevelsOf(unit);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw DomainException.Invalid("approval.reason", "Taking an approval back needs a reason of at most 500 characters.", "reason");
        }

        // Whose batch it is comes first: a stranger learns nothing of its state.
        var acting = ActingLevel(unit, actor, levels);
        var steps = Steps(unit);
        if (steps.Count == 0)
        {
            throw DomainException.Conflict("approval.none", $"{Name(unit)}'s {Period} figures are not approved.", "unit");
        }

        var top = steps[^1];
        if ((acting ?? top.Level) > top.Level)
        {
            throw DomainException.Conflict("approval.above",
                $"The {top.Level.Name()} level approved on top; only it or a level above takes its approval back.", "unit");
        }

        var original = await ledger.FindAsync(top.EntryId)
            ?? throw DomainException.Unavailable("The approval's ledger entry was not found; try again.");
        var result = await LedgerEntries.AppendAsync(ledger, LedgerEntries.Reversal(original, $"撤销审核 · unapproved: {reason.Trim()}", actor, time.GetUtcNow()));
        if (result.Outcome == AppendOutcome.KeyReused && !await ledger.IsReversedAsync(top.EntryId))
        {
            throw DomainException.Conflict("approval.concurrent_change", "The approval changed meanwhile; read it again.", "unit");
        }

        state.State.Batches[unit] = steps.Take(steps.Count - 1).ToArray();
        state.State.Taken[TakenKey(unit, top.Level)] = state.State.Taken.GetValueOrDefault(TakenKey(unit, top.Level)) + 1;
        await state.WriteStateAsync();
        return Batch(unit);
    }

    public Task<IReadOnlyList<ApprovalBatch>> ListAsync(string locality)
    {
        ReportingPeriods.Require(Period);
        var place = divisions.Get(locality, "locality");
        var unitLevel = options.Value.UnitLevel;
        // The units in the place: the place itself (its own pairings and projects) and every unit below it.
        var units = new List<string>();
        void Walk(Division d)
        {
            if (d.Level <= unitLevel)
            {
                units.Add(d.Code);
            }

            if (d.Level < unitLevel)
            {
                foreach (var child in d.Children)
                {
                    Walk(divisions.Get(child, "locality"));
                }
            }
        }

        Walk(place.Level > unitLevel ? divisions.Get(ApprovalRules.UnitOf(place.Code, unitLevel), "locality") : place);
        return Task.FromResult<IReadOnlyList<ApprovalBatch>>(units.Select(Batch).ToArray());
    }

    public async Task<IReadOnlyList<ApprovalBatch>> WaitingAsync() =>
        (await ListAsync(LocalityCodes.Bijie)).Where(b => b.Next is not null).ToArray();

    public Task<bool> LockedAsync(string unit) => Task.FromResult(Steps(unit).Count > 0);

    private static string TakenKey(string unit, LocalityLevel level) => $"{unit}:{level}";

    private IReadOnlyList<ApprovalStep> Steps(string unit) => state.State.Batches.TryGetValue(unit, out var steps) ? steps : [];

    private ApprovalBatch Batch(string unit)
    {
        var levels = LevelsOf(unit);
        var steps = Steps(unit);
        return new ApprovalBatch(Period, unit, steps, steps.Count < levels.Count ? levels[steps.Count] : null, levels,
            divisions.TryGet(unit, out var d) ? d.Name : null);
    }

    /// <summary>The levels that approve a unit's batch; a unit must be a division at or above the batch level.</summary>
    private IReadOnlyList<LocalityLevel> LevelsOf(string unit)
    {
        if (!divisions.TryGet(unit ?? "", out var division) || division.Level > options.Value.UnitLevel)
        {
            throw DomainException.NotFound("approval.unit", $"No batch '{unit}': a batch is a township's figures, or a county's or the city's own.", "unit");
        }

        var levels = ApprovalRules.LevelsOf(division.Code, options.Value.Levels);
        return levels.Count > 0 ? levels : throw DomainException.NotFound("approval.unit", $"No level approves '{unit}'.", "unit");
    }

    /// <summary>
    /// The level the actor approves at: a locality's account its own level, for the units in its place (a stranger is
    /// told the batch is not there); null for the office, which acts as any level.
    /// </summary>
    private static LocalityLevel? ActingLevel(string unit, ActorRef actor, IReadOnlyList<LocalityLevel> levels)
    {
        if (actor.ManagesEverything)
        {
            return null;
        }

        if (actor.Role != ActorRole.Locality || !Access.OwnsPlace(actor, unit))
        {
            throw DomainException.NotFound("approval.unit", $"No batch '{unit}'.", "unit");
        }

        return LocalityCodes.LevelOf(actor.OrganizationId) is { } level && levels.Contains(level)
            ? level
            : throw DomainException.Forbidden("approval.forbidden", "Your level does not approve these figures.");
    }

    private async Task<(long Through, IReadOnlyDictionary<string, decimal> Amounts)> SumAsync(string unit, DateOnly first, DateOnly last)
    {
        var through = await ledger.HeadAsync();
        var sums = await FiguresAsync(ledger, unit, first, last, options.Value.UnitLevel, through);
        return (through, sums.Where(s => s.Value != 0).OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary());
    }

    /// <summary>
    /// A batch's figures in the ledger through <paramref name="through"/>: a township's all of them, a county's or the
    /// city's only their own (those of no locality at or below the batch level).
    /// </summary>
    internal static Task<IReadOnlyDictionary<string, decimal>> FiguresAsync(ILedger ledger, string unit, DateOnly first, DateOnly last, LocalityLevel unitLevel, long through) =>
        ledger.SumBatchAsync(Scopes.Locality(unit), first, last, LocalityCodes.LevelOf(unit) < unitLevel, through);

    private string Name(string unit) => divisions.TryGet(unit, out var d) ? d.Name : unit;
}

[GenerateSerializer, Alias("Bijie.Actors.PeriodApprovalsState")]
public sealed class PeriodApprovalsState
{
    /// <summary>Each unit's approvals, lowest level first (arrays: the state is stored as JSON naming its types).</summary>
    [Id(0)] public Dictionary<string, ApprovalStep[]> Batches { get; set; } = [];

    /// <summary>How many times each unit's approval at a level was taken back ("{unit}:{level}"): part of the next approval's key.</summary>
    [Id(1)] public Dictionary<string, int> Taken { get; set; } = [];
}
