using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Changes;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>A standing platform (党外院士工作站, 科技小院): its place and the helpers behind it, registered by the office.</summary>
public sealed class PlatformGrain(
    [PersistentState("platform", StorageNames.Default)] IPersistentState<PlatformState> state,
    TimeProvider time,
    ILedger ledger) : Grain, IPlatformGrain
{
    public const string Registry = Registries.Platforms;

    public async Task<PlatformInfo> RegisterAsync(RegisterPlatform platform, ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ChosenIds.Check(this.GetPrimaryKeyString(), "id", "An id");
        if (!actor.ManagesEverything)
        {
            throw DomainException.Forbidden("platform.forbidden", "The programme office registers platforms.");
        }

        EngagementEntries.CheckText(platform.NameZh, 100, "platform.name", "nameZh");
        EngagementEntries.CheckText(platform.Description, 2000, "platform.description", "description", required: false);
        if (!Enum.IsDefined(platform.Kind) || !Enum.IsDefined(platform.Track))
        {
            throw DomainException.Invalid("platform.kind", "kind is AcademicianWorkstation, ScienceBackyard or Other; track is regional or a domain.", Enum.IsDefined(platform.Kind) ? "track" : "kind");
        }

        var place = await EngagementEntries.InBodyAsync(() => GrainFactory.GetLocality(platform.LocalityCode ?? "").GetAsync(), "localityCode");
        var helperIds = (platform.HelperIds ?? []).Distinct().ToArray();
        if (helperIds.Length is 0 or > 20)
        {
            throw DomainException.Invalid("platform.helpers", "A platform has 1 to 20 helper organisations behind it.", "helperIds");
        }

        foreach (var (helperId, i) in helperIds.Select((h, i) => (h, i)))
        {
            await EngagementEntries.InBodyAsync(() => GrainFactory.GetGrain<IHelperGrain>(helperId ?? "").GetAsync(), $"helperIds[{i}]");
        }

        var today = ProgrammeClock.Today(time);
        if (platform.EstablishedOn > today || platform.EstablishedOn < new DateOnly(1988, 6, 9))
        {
            throw DomainException.Invalid("platform.established", "establishedOn lies between 1988-06-09 and today.", "establishedOn");
        }

        var normalized = platform with { NameZh = platform.NameZh.Trim(), Description = platform.Description?.Trim(), LocalityCode = place.Code, HelperIds = helperIds };
        if (state.State.Info is { } current && Same(current.Platform, normalized))
        {
            return current;
        }

        var next = new PlatformInfo(this.GetPrimaryKeyString(), normalized, (state.State.Info?.Version ?? 0) + 1, time.GetUtcNow());
        await Registries.AddAsync(GrainFactory, Registry, next.Id,
            [$"kind:{normalized.Kind}", .. normalized.HelperIds.Select(h => $"helper:{h}"), .. Registries.PlaceTags(normalized.LocalityCode)]);
        var action = state.State.Info is null ? "register" : "update";
        state.State.Info = next;
        await ChangeTrail.WriteAsync(state, ledger, time, ChangeResources.Platform, next.Id, actor.Id, action, next.Platform);
        return next;
    }

    private static bool Same(RegisterPlatform a, RegisterPlatform b) =>
        a.NameZh == b.NameZh && a.Kind == b.Kind && a.Track == b.Track && a.LocalityCode == b.LocalityCode && a.HelperIds.SequenceEqual(b.HelperIds)
        && a.EstablishedOn == b.EstablishedOn && a.Description == b.Description;

    public async Task<IReadOnlyList<ChangeView>> GetChangesAsync()
    {
        await GetAsync();
        return await ChangeTrail.ReadAsync(ledger, ChangeResources.Platform, this.GetPrimaryKeyString(), state.State.ChangeVersion);
    }

    public Task<PlatformInfo> GetAsync() =>
        Task.FromResult(state.State.Info ?? throw DomainException.NotFound("platform.unknown", $"No platform '{this.GetPrimaryKeyString()}'.", "id"));
}
