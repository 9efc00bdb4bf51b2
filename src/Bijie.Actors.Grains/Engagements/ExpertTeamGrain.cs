using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>
/// An expert service team or guidance group (专家服务团, 专家指导组). The office registers it; its service batches
/// are ledger entries under the team's id, each counting one batch and its person-times where it served.
/// </summary>
public sealed class ExpertTeamGrain(
    [PersistentState("expertTeam", StorageNames.Default)] IPersistentState<ExpertTeamState> state,
    ILedger ledger,
    TimeProvider time) : Grain, IExpertTeamGrain
{
    public const string Registry = Registries.ExpertTeams;
    private const int MaxBatchesListed = 1_000;

    /// <summary>The body of a batch's entry.</summary>
    private sealed record BatchBody(string Kind, string TeamId, RecordServiceBatch Batch);

    public async Task<ExpertTeamInfo> RegisterAsync(RegisterExpertTeam team, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(team);
        ChosenIds.Check(this.GetPrimaryKeyString(), "id", "An id");
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("expert_team.forbidden", "The programme office registers expert teams.");
        }

        EngagementEntries.CheckText(team.NameZh, 100, "expert_team.name", "nameZh");
        if (!Enum.IsDefined(team.Kind) || !Enum.IsDefined(team.Track))
        {
            throw DomainException.Invalid("expert_team.kind", "kind is ServiceTeam or GuidanceGroup; track is regional or a domain.", Enum.IsDefined(team.Kind) ? "track" : "kind");
        }

        var helperIds = (team.HelperIds ?? []).Distinct().ToArray();
        if (helperIds.Length is 0 or > 20)
        {
            throw DomainException.Invalid("expert_team.helpers", "A team is sent by 1 to 20 helper organisations.", "helperIds");
        }

        foreach (var (helperId, i) in helperIds.Select((h, i) => (h, i)))
        {
            await EngagementEntries.InBodyAsync(() => GrainFactory.GetGrain<IHelperGrain>(helperId ?? "").GetAsync(), $"helperIds[{i}]");
        }

        var experts = team.Experts ?? [];
        if (experts.Count > EngagementRules.MaxExperts)
        {
            throw DomainException.Invalid("expert_team.experts", $"A team lists at most {EngagementRules.MaxExperts} experts.", "experts");
        }

        for (var i = 0; i < experts.Count; i++)
        {
            EngagementEntries.CheckText(experts[i]?.Name, 50, "expert_team.expert", $"experts[{i}].name");
            EngagementEntries.CheckText(experts[i]!.Field, 100, "expert_team.expert", $"experts[{i}].field", required: false);
            EngagementEntries.CheckText(experts[i].Affiliation, 100, "expert_team.expert", $"experts[{i}].affiliation", required: false);
        }

        var next = new ExpertTeamInfo(this.GetPrimaryKeyString(), team.NameZh.Trim(), team.Kind, team.Track, helperIds,
            experts.Select(e => new Expert(e.Name.Trim(), e.Field?.Trim(), e.Affiliation?.Trim())).ToArray(), (state.State.Info?.Version ?? 0) + 1);
        if (state.State.Info is { } current && Same(current, next))
        {
            return current;
        }

        await Registries.AddAsync(GrainFactory, Registry, next.Id, [$"track:{next.Track}", .. next.HelperIds.Select(h => $"helper:{h}")]);
        var action = state.State.Info is null ? "register" : "update";
        state.State.Info = next;
        await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.ExpertTeam, next.Id, actor.Id, action, next);
        return next;
    }

    private static bool Same(ExpertTeamInfo a, ExpertTeamInfo b) =>
        a.NameZh == b.NameZh && a.Kind == b.Kind && a.Track == b.Track && a.HelperIds.SequenceEqual(b.HelperIds) && a.Experts.SequenceEqual(b.Experts);

    public Task<ExpertTeamInfo> GetAsync() => Task.FromResult(Require());

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        Require();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.ExpertTeam, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    public async Task<ServiceBatchInfo> RecordBatchAsync(RecordServiceBatch batch, string idempotencyKey, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var team = Require();
        if (!actor.ManagesEverything && !(actor.Role == ActorRole.Helper && team.HelperIds.Contains(actor.OrganizationId)))
        {
            throw DomainException.Forbidden("expert_team.forbidden", "A team's own helpers record its batches; the programme office any team's.");
        }

        LedgerEntries.ValidateKey(idempotencyKey);
        EngagementEntries.CheckText(batch.Batch, 100, "service_batch.batch", "batch");
        EngagementEntries.CheckText(batch.Note, 2000, "service_batch.note", "note", required: false);
        EngagementEntries.CheckPersonTimes(batch.PersonTimes, 0);
        EngagementEntries.CheckDates(batch.From, batch.To, ProgrammeClock.Today(time));
        var scopes = (await EngagementEntries.PlaceScopesAsync(GrainFactory, batch.Places))
            .Append(Scopes.Track(team.Track)).Concat(team.HelperIds.Select(Scopes.Helper)).Append(Scopes.Subject(team.Id)).ToArray();
        var normalized = batch with { Batch = batch.Batch.Trim(), Note = batch.Note?.Trim(), Places = batch.Places.Distinct().ToArray() };
        var entry = EngagementEntries.Entry($"{EngagementRules.ServiceBatchKind}:{team.Id}", idempotencyKey, team.Id,
            new BatchBody(EngagementRules.ServiceBatchKind, team.Id, normalized),
            Indicators.ExpertServiceBatches, Indicators.ExpertServicePersonTimes, batch.PersonTimes, batch.From, scopes, actor, time.GetUtcNow());
        var result = await LedgerEntries.AppendAsync(ledger, entry, "retry");
        if (result.Outcome == AppendOutcome.KeyReused)
        {
            throw DomainException.Conflict("idempotency.key_reused", $"The idempotency key '{idempotencyKey}' was used before for another batch.", DomainFields.IdempotencyKey);
        }

        return (await ListBatchesAsync()).First(b => b.EntryId == result.EntryId);
    }

    public async Task<IReadOnlyList<ServiceBatchInfo>> ListBatchesAsync()
    {
        var team = Require();
        var entries = await ledger.ReadSubjectEntriesAsync(team.Id, MaxBatchesListed);
        var reversed = entries.Where(e => e.Entry.Reverses is not null).Select(e => e.Entry.Reverses!.Value).ToHashSet();
        return entries
            .Where(e => e.Entry.Kind == EntryKind.Report && e.Entry.IdempotencyScope.StartsWith(EngagementRules.ServiceBatchKind, StringComparison.Ordinal))
            .OrderByDescending(e => e.Position)
            .Select(e => new ServiceBatchInfo(e.Entry.EntryId, team.Id, EngagementEntries.Body<BatchBody>(e.Entry).Batch, e.Entry.Actor, e.Entry.RecordedAt, reversed.Contains(e.Entry.EntryId)))
            .ToArray();
    }

    public async Task<ServiceBatchInfo> WithdrawBatchAsync(Guid entryId, string reason, ActorRef actor)
    {
        var team = Require();
        var original = await ledger.FindAsync(entryId);
        if (original is null || original.Entry.SubjectId != team.Id || original.Entry.Kind != EntryKind.Report)
        {
            throw DomainException.NotFound("service_batch.unknown", $"Team '{team.Id}' has no batch '{entryId}'.", "entryId");
        }

        if (!actor.ManagesEverything && !(actor.Role == ActorRole.Helper && team.HelperIds.Contains(actor.OrganizationId)))
        {
            throw DomainException.Forbidden("expert_team.forbidden", "A team's own helpers withdraw its batches; the programme office any team's.");
        }

        if (!await ledger.IsReversedAsync(entryId))
        {
            await EngagementEntries.ReverseAsync(ledger, original, reason, actor, time.GetUtcNow());
        }

        return (await ListBatchesAsync()).First(b => b.EntryId == entryId);
    }

    private ExpertTeamInfo Require() =>
        state.State.Info ?? throw DomainException.NotFound("expert_team.unknown", $"No expert team '{this.GetPrimaryKeyString()}'.", "id");
}
