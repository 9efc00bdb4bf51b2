using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>
/// A research visit (调研指导). Its ledger entry is the record (the body holds the visit, the lines count it), so the
/// grain keeps no storage of its own: on activation it reads its entries back, and a retried recording finds the
/// entry it committed (its idempotency key is the visit's id).
/// </summary>
public sealed class VisitGrain(ILedger ledger, TimeProvider time) : Grain, IVisitGrain
{
    private VisitInfo? info;

    /// <summary>The body of a visit's entry.</summary>
    private sealed record VisitBody(string Kind, string Id, RecordVisit Visit);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = await ledger.ReadSubjectEntriesAsync(this.GetPrimaryKeyString(), 10, cancellationToken);
        info = Read(entries);
    }

    private static VisitInfo? Read(IReadOnlyList<StoredEntry> entries)
    {
        var recorded = entries.FirstOrDefault(e => e.Entry is { Kind: EntryKind.Report, IdempotencyScope: EngagementRules.VisitKind });
        if (recorded is null)
        {
            return null;
        }

        var body = EngagementEntries.Body<VisitBody>(recorded.Entry);
        var reversal = entries.FirstOrDefault(e => e.Entry.Reverses == recorded.Entry.EntryId);
        return new VisitInfo(body.Id, body.Visit, recorded.Entry.EntryId, recorded.Entry.Actor, recorded.Entry.RecordedAt,
            reversal?.Entry.RecordedAt, reversal is null ? null : ReasonOf(reversal.Entry));
    }

    private static string? ReasonOf(LedgerEntry reversal)
    {
        using var document = System.Text.Json.JsonDocument.Parse(reversal.Body!);
        return document.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
    }

    public async Task<VisitInfo> RecordAsync(RecordVisit visit, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(actor);
        var id = this.GetPrimaryKeyString();
        if (!actor.ManagesEverything && !(actor.Role == ActorRole.Helper && actor.OrganizationId == visit.HelperId))
        {
            throw DomainException.Forbidden("visit.forbidden", "A helper records its own visits; the programme office anyone's.");
        }

        EngagementEntries.CheckText(visit.Batch, 100, "visit.batch", "batch");
        EngagementEntries.CheckText(visit.Note, 2000, "visit.note", "note", required: false);
        if (!Enum.IsDefined(visit.Track))
        {
            throw DomainException.Invalid("visit.track", "track is regional or one of the five domains.", "track");
        }

        var people = visit.People ?? [];
        if (people.Count > EngagementRules.MaxPeople)
        {
            throw DomainException.Invalid("visit.people", $"Name at most {EngagementRules.MaxPeople} people.", "people");
        }

        for (var i = 0; i < people.Count; i++)
        {
            EngagementEntries.CheckText(people[i], 50, "visit.people", $"people[{i}]");
        }

        EngagementEntries.CheckPersonTimes(visit.PersonTimes, people.Count);
        EngagementEntries.CheckDates(visit.From, visit.To, ProgrammeClock.Today(time));
        var helper = await EngagementEntries.InBodyAsync(() => GrainFactory.GetGrain<IHelperGrain>(visit.HelperId ?? "").GetAsync(), "helperId");
        var scopes = (await EngagementEntries.PlaceScopesAsync(GrainFactory, visit.Places))
            .Append(Scopes.Track(visit.Track)).Append(Scopes.Helper(helper.Id)).Append(Scopes.Subject(id)).ToArray();

        var normalized = visit with { Batch = visit.Batch.Trim(), Note = visit.Note?.Trim(), People = people.Select(p => p.Trim()).ToArray(), Places = visit.Places.Distinct().ToArray() };
        var entry = EngagementEntries.Entry(EngagementRules.VisitKind, id, id, new VisitBody(EngagementRules.VisitKind, id, normalized),
            Indicators.ResearchVisitBatches, Indicators.ResearchVisitPersonTimes, visit.PersonTimes, visit.From, scopes, actor, time.GetUtcNow());
        var result = await LedgerEntries.AppendAsync(ledger, entry, "retry");
        if (result.Outcome == AppendOutcome.KeyReused)
        {
            throw DomainException.Conflict("visit.exists", $"Visit '{id}' was recorded already, with other details.", "id");
        }

        info = Read(await ledger.ReadSubjectEntriesAsync(id, 10));
        return info!;
    }

    public Task<VisitInfo> GetAsync() => Task.FromResult(Require());

    public async Task<VisitInfo> WithdrawAsync(string reason, ActorRef actor)
    {
        var visit = Require();
        if (!Access.ActsFor(actor, ActorRole.Helper, visit.Visit.HelperId))
        {
            throw DomainException.Forbidden("visit.forbidden", "The helper that made a visit withdraws it, or the programme office.");
        }

        if (visit.WithdrawnAt is not null)
        {
            return visit;
        }

        var original = await ledger.FindAsync(visit.EntryId) ?? throw new InvalidOperationException($"The entry of visit '{visit.Id}' is missing.");
        await EngagementEntries.ReverseAsync(ledger, original, reason, actor, time.GetUtcNow());
        info = Read(await ledger.ReadSubjectEntriesAsync(visit.Id, 10));
        return info!;
    }

    private VisitInfo Require() =>
        info ?? throw DomainException.NotFound("visit.unknown", $"No research visit '{this.GetPrimaryKeyString()}'.", "id");
}
