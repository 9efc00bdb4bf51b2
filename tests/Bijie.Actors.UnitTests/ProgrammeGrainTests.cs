using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class ProgrammeGrainTests(ClusterFixture fixture)
{
    private IProgrammeGrain NewProgramme() => fixture.Grains.GetGrain<IProgrammeGrain>($"test-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_programme_no_host_has_started_against_reports_no_starts()
    {
        var info = await NewProgramme().GetInfoAsync();

        Assert.Equal(0, info.HostStarts);
        Assert.Null(info.FirstStartedAt);
        Assert.Null(info.LastStartedBy);
    }

    [Fact]
    public async Task Host_starts_are_counted_and_the_first_start_is_kept()
    {
        var programme = NewProgramme();
        var first = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));
        var second = first.AddHours(5);

        await programme.RecordHostStartAsync(new HostStart("silo-a", first));
        var info = await programme.RecordHostStartAsync(new HostStart("silo-b", second));

        Assert.Equal(2, info.HostStarts);
        Assert.Equal(first, info.FirstStartedAt);
        Assert.Equal(second, info.LastStartedAt);
        Assert.Equal("silo-b", info.LastStartedBy);
    }

    [Fact]
    public async Task A_start_without_a_host_name_is_refused_and_changes_nothing()
    {
        var programme = NewProgramme();
        await programme.RecordHostStartAsync(new HostStart("silo-a", DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<ArgumentException>(() => programme.RecordHostStartAsync(new HostStart(" ", DateTimeOffset.UtcNow)));

        var info = await programme.GetInfoAsync();
        Assert.Equal(1, info.HostStarts);
        Assert.Equal("silo-a", info.LastStartedBy);
    }

    [Fact]
    public async Task The_record_is_read_back_from_storage_by_a_new_activation()
    {
        var programme = NewProgramme();
        var before = await programme.RecordHostStartAsync(new HostStart("silo-a", DateTimeOffset.UtcNow));

        // Collect every idle activation: the next call re-reads the state from storage, on either silo.
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var live = await management.GetDetailedGrainStatistics();
        Assert.DoesNotContain(live, s => s.GrainId == programme.GetGrainId());

        var after = await programme.GetInfoAsync();
        Assert.Equal(before.HostStarts, after.HostStarts);
        Assert.Equal(before.FirstStartedAt, after.FirstStartedAt);
    }
}
