namespace Bijie.Actors.Abstractions;

/// <summary>One level's approval of a batch: who, when, the ledger entry that records it, and the figures it approved.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ApprovalStep")]
public sealed record ApprovalStep(
    [property: Id(0)] LocalityLevel Level,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] Guid EntryId,
    [property: Id(4)] long Through,
    [property: Id(5)] IReadOnlyDictionary<string, decimal> Amounts,
    [property: Id(6)] string? ByName = null);

/// <summary>
/// A batch (审核批次): one period's figures of one unit — a township, or a county's or the city's own pairings and
/// projects (those of no township) — and the levels that approved it, lowest first; <see cref="Next"/> is the level
/// that approves it next (null once the last has).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ApprovalBatch")]
public sealed record ApprovalBatch(
    [property: Id(0)] string Period,
    [property: Id(1)] string Unit,
    [property: Id(2)] IReadOnlyList<ApprovalStep> Approved,
    [property: Id(3)] LocalityLevel? Next,
    [property: Id(4)] IReadOnlyList<LocalityLevel> Levels,
    [property: Id(5)] string? UnitName = null)
{
    /// <summary>An approved batch is locked: later reports of its period need an exception, corrections an unapproval.</summary>
    public bool Locked => Approved.Count > 0;
}

/// <summary>
/// The level-by-level approval (逐级审核) of one reporting period (key: "2026Q3"): each level approves what the level
/// below approved, batch by batch; an approval is a ledger entry whose lines carry the approved figures into every
/// board above the batch; unapproving is its reversal, by the level that approved or a level above, while nothing
/// above has approved on top.
/// </summary>
[Alias("Bijie.Actors.IPeriodApprovalsGrain")]
public interface IPeriodApprovalsGrain : IGrainWithStringKey
{
    /// <summary>The next level approves the batch: the actor's level (a locality's account), or the office for any.</summary>
    [Alias("Approve")]
    Task<ApprovalBatch> ApproveAsync(string unit, ActorRef actor);

    /// <summary>Takes back the batch's latest approval (a reversal entry), by its level or a level above.</summary>
    [Alias("Unapprove")]
    Task<ApprovalBatch> UnapproveAsync(string unit, string reason, ActorRef actor);

    /// <summary>The batches of the units in a locality (the locality's own among them), with their approvals.</summary>
    [Alias("List")]
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ApprovalBatch>> ListAsync(string locality);

    /// <summary>Every batch of the city that waits for a level, with the level it waits for (the supervision's list and reminders).</summary>
    [Alias("Waiting")]
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ApprovalBatch>> WaitingAsync();

    /// <summary>Whether a unit's batch is approved at any level (read by the intake for reports of an ended period).</summary>
    [Alias("Locked")]
    [Orleans.Concurrency.ReadOnly]
    Task<bool> LockedAsync(string unit);
}

/// <summary>The rules of batches and their approval lines, in one place for the grains and the boards.</summary>
public static class ApprovalRules
{
    /// <summary>The indicator of the part of <paramref name="indicator"/> a level approved: "approved:county:clinic_person_times".</summary>
    public static string Indicator(LocalityLevel level, string indicator) => $"approved:{level.Name()}:{indicator}";

    /// <summary>The levels an indicator line of this name counts as approved at, or null for any other line.</summary>
    public static (LocalityLevel Level, string Indicator)? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("approved:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line.Split(':', 3);
        foreach (var level in Enum.GetValues<LocalityLevel>())
        {
            if (parts.Length == 3 && parts[1] == level.Name())
            {
                return (level, parts[2]);
            }
        }

        return null;
    }

    /// <summary>
    /// The batch a pairing or project at <paramref name="localityCode"/> reports into: its township (the locality cut to
    /// <paramref name="unitLevel"/>), or its own locality when that lies above the unit level (a county's own pairings).
    /// </summary>
    public static string UnitOf(string localityCode, LocalityLevel unitLevel)
    {
        var level = LocalityCodes.LevelOf(localityCode) ?? throw DomainException.Invalid("locality.malformed", $"'{localityCode}' is not a division code.", "unit");
        return level > unitLevel ? LocalityCodes.Lineage(localityCode)[(int)unitLevel] : localityCode;
    }

    /// <summary>The levels that approve a unit's batch, lowest first: the configured levels at or above the unit's own.</summary>
    public static IReadOnlyList<LocalityLevel> LevelsOf(string unit, IReadOnlyList<LocalityLevel> configured)
    {
        var level = LocalityCodes.LevelOf(unit) ?? throw DomainException.Invalid("locality.malformed", $"'{unit}' is not a division code.", "unit");
        return configured.Where(l => l <= level).OrderByDescending(l => l).ToArray();
    }
}
