using System.Text.Json;
using System.Text.Json.Serialization;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Subjects;

/// <summary>
/// A pairing or project: the one owner of its facts. Every change is first one ledger entry (its new snapshot and
/// the memberships it adds or removes), committed under the idempotency key "{id}:v{version}"; only then is the
/// grain state (Azure Table storage) written. Both sides of a pairing, the boards and the lists are built from that
/// entry, so they agree after any crash: on activation the grain adopts the ledger's snapshot when it is newer than
/// its stored state, and a retried change finds its entry already committed.
/// </summary>
public abstract class SubjectGrain<TInfo>(IPersistentState<SubjectState<TInfo>> state, ILedger ledger, TimeProvider time) : Grain
    where TInfo : class
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    protected TInfo? Info => state.State.Info;

    protected TimeProvider Time => time;

    protected ILedger Ledger => ledger;

    protected abstract int VersionOf(TInfo info);

    /// <summary>The memberships a subject in this state contributes (the board's counted indicators and the lists).</summary>
    protected abstract IEnumerable<LedgerLine> MembershipLines(TInfo info);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var head = await ledger.ReadSubjectAsync(this.GetPrimaryKeyString(), cancellationToken);
        if (head is not null && (state.State.Info is null || VersionOf(state.State.Info) < head.Version))
        {
            // The ledger committed a change whose state write never happened (the silo died in between): adopt it.
            state.State.Info = JsonSerializer.Deserialize<TInfo>(head.Body, Json);
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Every change of the subject with the fields it changed: its ledger entries compared version by version (each holds
    /// the subject as that change left it), newest first.
    /// </summary>
    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        if (Info is null)
        {
            throw DomainException.NotFound("subject.unknown", $"No pairing or project '{this.GetPrimaryKeyString()}'.", "id");
        }

        var entries = await ledger.ReadSubjectChangesAsync(this.GetPrimaryKeyString());
        return Changes.ChangeTrail.Diff(entries.Where(e => e.Entry.Body is not null)
            .Select(e => (e.Entry.SubjectVersion ?? 0, e.Entry.RecordedAt, e.Entry.Actor, e.Entry.SubjectVersion == 1 ? "create" : "update", e.Entry.Body!)));
    }

    /// <summary>Refuses a change made against a version that is no longer the current one (the caller's expected version).</summary>
    protected void CheckVersion(int? expected)
    {
        if (expected is { } version && Info is { } info && VersionOf(info) != version)
        {
            throw DomainException.Stale($"'{this.GetPrimaryKeyString()}'", VersionOf(info), version);
        }
    }

    /// <summary>Commits the change from the current state to <paramref name="next"/>, then stores it.</summary>
    protected async Task<TInfo> CommitAsync(TInfo next, ActorRef actor, DateOnly on)
    {
        var id = this.GetPrimaryKeyString();
        var version = VersionOf(next);
        var before = Info is null ? [] : MembershipLines(Info).ToList();
        var after = MembershipLines(next).ToList();
        var lines = Diff(before, after);
        var body = JsonSerializer.Serialize(next, Json);
        var entry = LedgerEntry.SubjectChange(id, version, on, time.GetUtcNow(), actor.Id, body, lines);
        var result = await ledger.AppendAsync(entry);
        if (result.Outcome == AppendOutcome.KeyReused)
        {
            // Another change took this version first: take the ledger's state and let the caller decide again.
            DeactivateOnIdle();
            throw DomainException.Conflict("subject.concurrent_change", $"'{id}' was changed by someone else at the same time; read it again.");
        }

        state.State.Info = next;
        await state.WriteStateAsync();
        return next;
    }

    /// <summary>−1 for each membership the old state had and the new has not, +1 for the reverse.</summary>
    private static List<LedgerLine> Diff(List<LedgerLine> before, List<LedgerLine> after)
    {
        static string Key(LedgerLine l) => $"{l.Indicator}|{l.Member}|{l.Year}|{l.YearTo}|{string.Join(' ', l.Scopes)}";
        var old = before.ToDictionary(Key);
        var now = after.ToDictionary(Key);
        return before.Where(l => !now.ContainsKey(Key(l))).Select(l => l with { Value = -1 })
            .Concat(after.Where(l => !old.ContainsKey(Key(l))).Select(l => l with { Value = 1 }))
            .ToList();
    }

    /// <summary>A membership line of this subject.</summary>
    protected static LedgerLine Member(string indicator, string member, int from, int? to, IReadOnlyList<string> scopes) =>
        new(indicator, (short)from, null, to is null ? null : (short)to, member, 1, scopes);

    /// <summary>The scopes of a locality: the locality and each of its ancestors.</summary>
    protected static IEnumerable<string> LocalityScopes(string code) => LocalityCodes.Lineage(code).Select(Scopes.Locality);

    protected DateOnly Today => ProgrammeClock.Today(time);
}
