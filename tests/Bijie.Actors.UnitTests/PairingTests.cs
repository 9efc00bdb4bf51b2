using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

[Collection(ClusterCollection.Name)]
public sealed class PairingTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    private Task<IReadOnlyList<string>> ActivePairingsAsync(string scope) =>
        fixture.Grains.GetGrain<IScopeGrain>(scope).GetMembersAsync(Scopes.ActivePairings, null);

    [Fact]
    public async Task Both_sides_of_an_enterprise_village_pairing_list_it_and_a_duplicate_is_refused()
    {
        var enterprise = await data.EnterpriseAsync();
        var pairing = await data.EnterpriseVillageAsync(enterprise, "520527004002");

        Assert.Equal(PairingStatus.Active, pairing.Status);
        await TestData.EventuallyAsync(async () =>
            (await ActivePairingsAsync(Scopes.Locality("520527004002"))).Contains(pairing.Id)
            && (await ActivePairingsAsync(Scopes.Enterprise(enterprise))).Contains(pairing.Id), "both sides to list the pairing");

        var villageSide = await fixture.Grains.GetLocality("520527004002").GetActivePairingsAsync();
        var enterpriseSide = await fixture.Grains.GetGrain<IEnterpriseGrain>(enterprise).GetActivePairingsAsync();
        Assert.Contains(villageSide, p => p.Id == pairing.Id && p.EnterpriseCode == enterprise);
        Assert.Equal([("520527004002", PairingStatus.Active)], enterpriseSide.Select(p => (p.LocalityCode, p.Status)));
        var countySide = await fixture.Grains.GetLocality("520527").GetActivePairingsAsync();
        Assert.Contains(countySide, p => p.Id == pairing.Id);

        var again = new StartPairing(PairingKind.EnterpriseVillage, null, enterprise, "520527004002", null, null, new DateOnly(2023, 5, 1), "staff-001");
        var refusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPairingGrain>(pairing.Id).StartAsync(again, TestData.Office));
        Assert.Equal(DomainErrorKind.Conflict, refusal.Kind);
        Assert.Equal("pairing.duplicate", refusal.Code);
    }

    [Fact]
    public async Task Ending_a_pairing_removes_it_from_both_lists_but_not_from_the_years_it_was_active()
    {
        var enterprise = await data.EnterpriseAsync();
        var village = "520521001001";
        var pairing = await data.EnterpriseVillageAsync(enterprise, village, new DateOnly(2022, 6, 1));
        var grain = fixture.Grains.GetGrain<IPairingGrain>(pairing.Id);

        var ended = await grain.EndAsync(new DateOnly(2023, 8, 31), "合作期满", TestData.Office);

        Assert.Equal(PairingStatus.Ended, ended.Status);
        Assert.Equal("合作期满", ended.EndReason);
        var enterpriseScope = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Enterprise(enterprise));
        await TestData.EventuallyAsync(async () =>
            !(await ActivePairingsAsync(Scopes.Locality(village))).Contains(pairing.Id)
            && !(await ActivePairingsAsync(Scopes.Enterprise(enterprise))).Contains(pairing.Id), "both sides to drop the pairing");
        Assert.Equal([village], await enterpriseScope.GetMembersAsync(Indicators.EnterprisePairingVillages, 2023));
        Assert.Empty(await enterpriseScope.GetMembersAsync(Indicators.EnterprisePairingVillages, 2024));
    }

    [Fact]
    public async Task A_pairing_with_the_wrong_level_of_locality_or_a_missing_side_is_refused_and_nothing_is_recorded()
    {
        var unit = await data.HelperAsync();
        var before = fixture.Store.Entries().Count;

        var wrongLevel = new StartPairing(PairingKind.Township, unit, null, "520527", null, null, new DateOnly(2023, 1, 1), "staff-001");
        var levelRefusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPairingGrain>(PairingIds.For(wrongLevel)).StartAsync(wrongLevel, TestData.Office));
        Assert.Equal("pairing.locality_level", levelRefusal.Code);

        var missing = new StartPairing(PairingKind.EnterpriseVillage, null, TestData.NewCreditCode(), "520527004002", null, null, new DateOnly(2023, 1, 1), "staff-001");
        var missingRefusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPairingGrain>(PairingIds.For(missing)).StartAsync(missing, TestData.Office));
        Assert.Equal("enterprise.unknown", missingRefusal.Code);

        var badCode = new StartPairing(PairingKind.EnterpriseVillage, null, "91520500MA6DXXXX0A", "520527004002", null, null, new DateOnly(2023, 1, 1), "staff-001");
        var codeRefusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPairingGrain>(PairingIds.For(badCode)).StartAsync(badCode, TestData.Office));
        Assert.Equal("enterprise.credit_code", codeRefusal.Code);

        var future = new StartPairing(PairingKind.Township, unit, null, "520527004", null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), "staff-001");
        var futureRefusal = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPairingGrain>(PairingIds.For(future)).StartAsync(future, TestData.Office));
        Assert.Equal("pairing.start_in_future", futureRefusal.Code);

        var unknownStaff = new StartPairing(PairingKind.Township, unit, null, "520527004", null, null, new DateOnly(2023, 1, 1), "nobody");
        await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPairingGrain>(PairingIds.For(unknownStaff)).StartAsync(unknownStaff, TestData.Office));

        Assert.Equal(before, fixture.Store.Entries().Count);
    }

    [Fact]
    public async Task Units_and_townships_are_counted_once_however_many_pairings_they_have()
    {
        var a = await data.HelperAsync();
        var b = await data.HelperAsync();
        await data.TownshipAsync(a, "520581001");
        await data.TownshipAsync(a, "520581002");
        await data.TownshipAsync(b, "520581002");
        var county = fixture.Grains.GetGrain<IScopeGrain>(Scopes.Helper(a));

        await TestData.EventuallyAsync(async () => (await county.GetMembersAsync(Indicators.TownshipPairingTownships, 2023)).Count == 2, "helper a's two townships");
        var board = await fixture.Grains.GetGrain<IScopeGrain>(Scopes.Helper(b)).GetBoardAsync(2023);
        Assert.Equal(1, board.Figures.Single(f => f.Indicator == Indicators.TownshipPairingUnits).Value);
        Assert.Equal(1, board.Figures.Single(f => f.Indicator == Indicators.TownshipPairingTownships).Value);
    }
}
