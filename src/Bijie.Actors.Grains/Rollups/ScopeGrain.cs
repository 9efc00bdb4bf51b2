using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Rollups;

/// <summary>
/// The roll-up of one scope. On activation it loads its snapshot (totals through ledger position H, plus the
/// batches above H it had applied) and adds the ledger's lines above H that it had not, in one database snapshot
/// that also gives the new H. Batches then arrive from the silos' dispatchers; one whose first position is at or
/// below H, or that was applied already, is ignored, so every committed line counts exactly once. Totals change
/// in memory per batch and reach storage only in rare snapshots, kept beside the ledger (compressed JSON in
/// scope_snapshots): the city's outgrew an Azure Table row. A scope of few lines never snapshots: its ledger lines
/// are its snapshot (<see cref="RollupOptions.SnapshotMinLines"/>).
/// </summary>
public sealed class ScopeGrain(
    ILedger ledger,
    Live.LiveFeed live,
    IOptions<RollupOptions> options,
    ILogger<ScopeGrain> logger) : Grain, IScopeGrain
{
    private readonly RollupTotals totals = new();
    private readonly HashSet<long> applied = [];

    // Boards as last computed, per year, until the next batch: every open board re-reads after a change, and
    // all of them but the first get this copy instead of a walk over every total.
    private readonly Dictionary<int, Board> boards = [];
    private long head;
    private bool dirty;
    private int linesSinceSnapshot;
    private IGrainTimer? snapshotTimer;
    private readonly DateTimeOffset activatedAt = DateTimeOffset.UtcNow;
    private long applyCalls;
    private long batchesApplied;
    private long batchesIgnored;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var scope = this.GetPrimaryKeyString();
        var activation = await ledger.ActivateScopeAsync(scope, cancellationToken);
        var saved = Unpack(activation.Snapshot);
        var unsaved = saved is not null && activation.Unsaved is { } lines
            ? lines
            : await ledger.ReadScopeAsync(scope, saved?.Head ?? 0, saved?.Applied ?? [], cancellationToken); // an older or unreadable snapshot
        saved ??= new ScopeSnapshot();
        totals.Restore(saved);
        totals.Add(unsaved);

        head = unsaved.Head;
        dirty = unsaved.Sums.Count > 0 || unsaved.Members.Count > 0 || unsaved.Head != saved.Head;
        linesSinceSnapshot = unsaved.Lines;
        StartSnapshotsWhenWorthIt();
    }

    /// <summary>
    /// The snapshot timer starts once the scope holds enough lines for a snapshot to be worth writing: most scopes
    /// never get there, and hundreds of thousands of idle timers would cost memory and timer-queue walks.
    /// </summary>
    private void StartSnapshotsWhenWorthIt()
    {
        if (snapshotTimer is null && linesSinceSnapshot >= options.Value.SnapshotMinLines)
        {
            snapshotTimer = this.RegisterGrainTimer(SnapshotAsync, new GrainTimerCreationOptions(options.Value.SnapshotInterval, options.Value.SnapshotInterval) { KeepAlive = false });
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            await SnapshotAsync(cancellationToken);
        }
    }

    public Task ApplyAsync(IReadOnlyList<BatchDelta> batches)
    {
        applyCalls++;
        int? from = null, to = null;
        var open = false;
        foreach (var batch in batches)
        {
            if (batch.BatchId <= head || !applied.Add(batch.BatchId))
            {
                batchesIgnored++;
                continue;
            }

            foreach (var year in batch.Sums.Select(s => (int)s.Year).Concat(batch.Members.Select(m => (int)m.Year)))
            {
                from = Math.Min(from ?? year, year);
                to = Math.Max(to ?? year, year);
            }

            open |= batch.Members.Any(m => m.YearTo is null);
            foreach (var m in batch.Members.Where(m => m.YearTo is not null))
            {
                to = Math.Max(to ?? m.YearTo!.Value, m.YearTo!.Value);
            }

            totals.Add(batch);
            linesSinceSnapshot += batch.Lines;
            batchesApplied++;
            dirty = true;
        }

        StartSnapshotsWhenWorthIt();
        if (from is not null)
        {
            boards.Clear();
            live.ScopeChanged(this.GetPrimaryKeyString(), from.Value, open ? null : to);
        }

        return Task.CompletedTask;
    }

    public Task<Board> GetBoardAsync(int year)
    {
        if (!boards.TryGetValue(year, out var board))
        {
            boards[year] = board = totals.Board(this.GetPrimaryKeyString(), year);
        }

        return Task.FromResult(board);
    }

    public Task<IReadOnlyList<decimal>> GetMonthsAsync(string indicator, int fromYear, int toYear) =>
        toYear < fromYear || toYear - fromYear > 10
            ? throw DomainException.Invalid("scope.months", "From 1 to 11 years of months.", "year")
            : Task.FromResult<IReadOnlyList<decimal>>(totals.Months(indicator, fromYear, toYear));

    public Task<IReadOnlyList<string>> GetMembersAsync(string indicator, int? year) => Task.FromResult(totals.Members(indicator, year));

    public Task<int> CountMembersFromAsync(string indicator, int fromYear) => Task.FromResult(totals.CountMembersFrom(indicator, fromYear));

    public Task<ScopeStats> GetStatsAsync() => Task.FromResult(new ScopeStats(applyCalls, batchesApplied, batchesIgnored, head, linesSinceSnapshot, activatedAt));

    public Task<int?> GetLatestYearAsync() => Task.FromResult(totals.LatestYear());

    /// <summary>The stored snapshot; an empty one when there is none; null when it cannot be read (then the ledger rebuilds it).</summary>
    private ScopeSnapshot? Unpack(byte[]? packed)
    {
        if (packed is null)
        {
            return new ScopeSnapshot();
        }

        try
        {
            return ScopeSnapshot.Unpack(packed);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            // A snapshot only saves rebuild time: one that cannot be read is rebuilt from the ledger.
            logger.LogWarning(e, "Snapshot of roll-up {Scope} is unreadable; rebuilding from the ledger", this.GetPrimaryKeyString());
            return null;
        }
    }

    /// <summary>
    /// Writes the totals with the position they include, if enough lines came since the last snapshot that a rebuild
    /// from the ledger would cost more than the write; advances that position to the delivered watermark.
    /// </summary>
    private async Task SnapshotAsync(CancellationToken cancellationToken)
    {
        if (!dirty || linesSinceSnapshot < options.Value.SnapshotMinLines)
        {
            return;
        }

        try
        {
            // Every batch at or below the watermark reached every roll-up, so this grain has counted all of its own.
            var watermark = await ledger.DeliveredWatermarkAsync(cancellationToken);
            if (watermark > head)
            {
                head = watermark;
                applied.RemoveWhere(b => b <= head);
            }

            var state = new ScopeSnapshot
            {
                Head = head,
                Applied = applied.Order().ToList(),
                Sums = totals.SumRows.ToList(),
                Members = totals.MemberRows.ToList(),
            };
            await ledger.SaveSnapshotAsync(this.GetPrimaryKeyString(), head, state.Applied, ScopeSnapshot.Pack(state), cancellationToken);
            dirty = false;
            linesSinceSnapshot = 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A snapshot only saves rebuild time: the ledger stays the truth.
            logger.LogWarning(e, "Snapshot of roll-up {Scope} failed", this.GetPrimaryKeyString());
        }
    }
}
