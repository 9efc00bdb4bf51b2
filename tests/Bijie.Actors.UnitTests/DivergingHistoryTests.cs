using System.Text.Json;
using System.Text.Json.Serialization;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// A pairing's history cannot fork. Each change is appended under the key "{id}:v{version}", so a second activation
/// of the pairing (the other side of a network split, until membership settles) that changes it from a version the
/// first already moved on from is refused by the ledger; it answers a conflict and reads the ledger again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DivergingHistoryTests(ClusterFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly TestData data = new(fixture.Grains);

    [Fact]
    public async Task A_change_from_a_version_another_activation_already_committed_is_refused_and_the_pairing_takes_the_ledgers_version()
    {
        var pairing = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), "520527004003");
        var grain = fixture.Grains.GetGrain<IPairingGrain>(pairing.Id);
        Assert.Equal(1, (await grain.GetAsync()).Version);

        // The other side of a split commits version 2 (a new person responsible) straight to the shared ledger.
        var theirs = pairing with { Version = 2, ResponsibleStaffId = "staff-005", ChangedBy = "office-elsewhere", ChangedAt = DateTimeOffset.UtcNow };
        var committed = await new InMemoryLedger(fixture.Store).AppendAsync(LedgerEntry.SubjectChange(
            pairing.Id, 2, new DateOnly(2024, 1, 2), DateTimeOffset.UtcNow, "office-elsewhere", JsonSerializer.Serialize(theirs, Json), []));
        Assert.Equal(AppendOutcome.Committed, committed.Outcome);

        // This activation still holds version 1 and makes its own version 2: the ledger refuses it.
        var refused = await Assert.ThrowsAsync<DomainException>(() => grain.EndAsync(new DateOnly(2024, 1, 3), "任务完成", TestData.Office));
        Assert.Equal((DomainErrorKind.Conflict, "subject.concurrent_change"), (refused.Kind, refused.Code));

        // It reads the ledger again: the change that won is what the pairing is, still active.
        PairingInfo now = pairing;
        await TestData.EventuallyAsync(async () => (now = await grain.GetAsync()).Version == 2,
            () => $"the pairing to take version 2 from the ledger; it is at {now.Version}");
        Assert.Equal(("staff-005", PairingStatus.Active), (now.ResponsibleStaffId, now.Status));

        // Asked again, the change goes on from there; the ledger holds one history, each version once.
        var ended = await grain.EndAsync(new DateOnly(2024, 1, 3), "任务完成", TestData.Office);
        Assert.Equal((3, PairingStatus.Ended, "staff-005"), (ended.Version, ended.Status, ended.ResponsibleStaffId));
        var versions = fixture.Store.Entries().Where(e => e.Entry.Kind == EntryKind.SubjectChange && e.Entry.SubjectId == pairing.Id)
            .Select(e => e.Entry.SubjectVersion).ToArray();
        Assert.Equal([1, 2, 3], versions);
    }
}
