using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains;

/// <summary>The programme's record of its hosts; written once per host start, so Azure Table storage suits it.</summary>
public sealed class ProgrammeGrain(
    [PersistentState("programme", StorageNames.Default)] IPersistentState<ProgrammeState> state,
    ILocalSiloDetails silo) : Grain, IProgrammeGrain
{
    public async Task<ProgrammeInfo> RecordHostStartAsync(HostStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (string.IsNullOrWhiteSpace(start.HostName))
        {
            throw new ArgumentException("A host start needs the host's name.", nameof(start));
        }

        var s = state.State;
        s.FirstStartedAt ??= start.At;
        s.LastStartedAt = start.At;
        s.LastStartedBy = start.HostName;
        s.HostStarts++;
        await state.WriteStateAsync();
        return Describe();
    }

    public Task<ProgrammeInfo> GetInfoAsync() => Task.FromResult(Describe());

    public async Task SetDemoStatusAsync(DemoStatus status)
    {
        if (state.State.Demo != status)
        {
            state.State.Demo = status;
            await state.WriteStateAsync();
        }
    }

    private ProgrammeInfo Describe()
    {
        var s = state.State;
        return new ProgrammeInfo(
            this.GetPrimaryKeyString(), s.FirstStartedAt, s.LastStartedAt, s.LastStartedBy, s.HostStarts,
            silo.SiloAddress.ToParsableString(), s.Demo);
    }
}
