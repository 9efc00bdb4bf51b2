using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// Every change of a resource is on record before its state is stored: who, when, how (a session or a key), what kind of
/// change, and each field before and after; never a secret; never a change whose state was not stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChangeHistoryTests(ClusterFixture fixture)
{
    private readonly TestData data = new(fixture.Grains);

    [Fact]
    public async Task A_renamed_helper_shows_both_changes_newest_first_with_the_name_before_and_after()
    {
        var id = await data.HelperAsync();
        var helper = fixture.Grains.GetGrain<IHelperGrain>(id);
        var profile = await helper.GetAsync();
        await helper.RegisterAsync(profile with { NameZh = "改名后的单位", Strengths = [Track.Health] }, new ActorRef("user:office", ActorRole.Office));
        await helper.RegisterAsync(profile with { NameZh = "改名后的单位", Strengths = [Track.Health] }, TestData.Office); // the same again: no change

        var changes = await helper.GetChangesAsync();

        Assert.Equal([2, 1], changes.Select(c => c.Version));
        var rename = changes[0];
        Assert.Equal(("update", "user:office", "session"), (rename.Action, rename.Actor, rename.Via));
        Assert.Equal(new FieldChange("nameZh", profile.NameZh, "改名后的单位"), Assert.Single(rename.Fields, f => f.Field == "nameZh"));
        Assert.Equal(new FieldChange("strengths", "[]", "[\"Health\"]"), Assert.Single(rename.Fields, f => f.Field == "strengths"));
        Assert.Equal(2, rename.Fields.Count);
        Assert.Equal(("register", "key"), (changes[1].Action, changes[1].Via));
        Assert.Contains(changes[1].Fields, f => f is { Field: "nameZh", Before: null } && f.After == profile.NameZh);
    }

    [Fact]
    public async Task A_change_whose_state_was_never_stored_is_not_shown_and_the_next_change_takes_its_version()
    {
        var id = await data.HelperAsync();
        var helper = fixture.Grains.GetGrain<IHelperGrain>(id);
        // A record written for version 2 by a change whose state write then failed.
        await new InMemoryLedger(fixture.Store).RecordChangeAsync(new ChangeRecord("helpers", id, 2, DateTimeOffset.UtcNow, "key-x", "update", """{"nameZh":"从未保存"}"""));
        Assert.Single(await helper.GetChangesAsync());

        await helper.RegisterAsync((await helper.GetAsync()) with { NameZh = "真正的新名" }, TestData.Office);

        var latest = (await helper.GetChangesAsync())[0];
        Assert.Equal(2, latest.Version);
        Assert.Equal("真正的新名", Assert.Single(latest.Fields).After);
    }

    [Fact]
    public async Task A_periods_exception_granted_and_revoked_shows_as_added_and_removed_and_the_rules_catalogue_by_rule()
    {
        var pairing = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), "520581002001");
        var period = fixture.Grains.GetGrain<IReportingPeriodGrain>("2019Q2");
        var until = ProgrammeClock.Today(TimeProvider.System).AddDays(10);
        await period.GrantExceptionAsync(pairing.Id, until, "材料补交", TestData.Office);
        await period.RevokeExceptionAsync(pairing.Id, TestData.Office);

        var changes = await period.GetChangesAsync();
        Assert.Equal(["revoke-exception", "grant-exception"], changes.Select(c => c.Action));
        var granted = Assert.Single(changes[1].Fields);
        Assert.Equal(($"exception:{pairing.Id}", (string?)null), (granted.Field, granted.Before));
        Assert.Contains("材料补交", granted.After);
        Assert.Equal((granted.After, (string?)null), (Assert.Single(changes[0].Fields).Before, changes[0].Fields[0].After));

        var rules = fixture.Grains.GetGrain<IValidationRulesGrain>(0);
        var kept = await rules.ListAsync();
        try
        {
            var recent = new ValidationRule("recent", RuleKind.Age, null, null, null, 90m, RuleSeverity.Warn, "90 天内填报");
            await rules.ReplaceAsync([.. kept, recent], TestData.Office);
            var added = Assert.Single((await rules.GetChangesAsync())[0].Fields, f => f.Field == "rule:recent");
            Assert.Null(added.Before);
            Assert.Contains("90 天内填报", added.After);
        }
        finally
        {
            await rules.ReplaceAsync(kept, TestData.Office);
        }
    }

    [Fact]
    public async Task A_pairings_changes_come_from_its_ledger_entries_and_keys_and_accounts_record_no_secret()
    {
        var pairing = await data.EnterpriseVillageAsync(await data.EnterpriseAsync(), "520581002002");
        await fixture.Grains.GetGrain<IPairingGrain>(pairing.Id).AssignResponsibleAsync("staff-009", TestData.Office);
        var changes = await fixture.Grains.GetGrain<IPairingGrain>(pairing.Id).GetChangesAsync();
        Assert.Equal(["update", "create"], changes.Select(c => c.Action));
        Assert.Equal(new FieldChange("responsibleStaffId", "staff-001", "staff-009"), Assert.Single(changes[0].Fields));

        var keyId = $"key-{Guid.NewGuid():N}"[..20];
        var hash = System.Security.Cryptography.SHA256.HashData("secret"u8);
        var key = fixture.Grains.GetGrain<IApiKeyGrain>(keyId);
        await key.CreateAsync("测试程序", ActorRole.Viewer, null, hash, "user:admin");
        await key.RevokeAsync("user:admin");
        var keyChanges = await key.GetChangesAsync();
        Assert.Equal(["revoke", "issue"], keyChanges.Select(c => c.Action));
        Assert.Equal(["revokedAt", "active"], keyChanges[0].Fields.Select(f => f.Field));
        Assert.Equal(new FieldChange("active", "true", "false"), keyChanges[0].Fields[1]);

        var account = fixture.Grains.GetGrain<IAccountGrain>($"user{Guid.NewGuid():N}"[..20]);
        await account.CreateAsync("测试账号", ActorRole.Viewer, null, "a-long-password-1", "user:admin");
        await account.ResetPasswordAsync(null, "user:admin");
        var accountChanges = await account.GetChangesAsync();
        Assert.Equal(["reset-password", "create"], accountChanges.Select(c => c.Action));
        Assert.Equal("passwordSetAt", Assert.Single(accountChanges[0].Fields).Field);

        // Nothing recorded reads like a secret: no hash of a key, no password or its hash.
        var recorded = string.Join("\n", fixture.Store.Changes.Values.Select(c => c.Fields));
        Assert.DoesNotContain(Convert.ToBase64String(hash), recorded);
        Assert.DoesNotContain(Convert.ToHexString(hash), recorded, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("a-long-password-1", recorded);
        Assert.DoesNotContain("AQAAAA", recorded); // the start of every ASP.NET Core Identity password hash
    }

    [Fact]
    public async Task Needs_matters_expert_teams_and_platforms_record_each_change_with_its_kind_and_fields()
    {
        var today = ProgrammeClock.Today(TimeProvider.System);
        var need = fixture.Grains.GetGrain<INeedGrain>($"n-{Guid.NewGuid():N}");
        await need.PostAsync(new PostNeed(Track.Health, "520526001001", "远程会诊设备", null, 500_000m, NeedUrgency.High, today.AddMonths(3)), TestData.Office);
        await need.CloseAsync(NeedStatus.Withdrawn, TestData.Office);
        var needChanges = await need.GetChangesAsync();
        Assert.Equal(["withdraw", "post"], needChanges.Select(c => c.Action));
        Assert.Contains(needChanges[0].Fields, f => f is { Field: "status", Before: "Open", After: "Withdrawn" });

        var helper = await data.HelperAsync();
        var matter = fixture.Grains.GetGrain<IMatterGrain>($"m-{Guid.NewGuid():N}");
        await matter.RaiseAsync(new RaiseMatter("争取专家支持", null, helper, "520525", Track.Technology, "staff-005", today.AddDays(30)), TestData.Office);
        await matter.AdvanceAsync(MatterStep.Undertaken, "已安排专家", new ActorRef("key-h", ActorRole.Helper, helper));
        var matterChanges = await matter.GetChangesAsync();
        Assert.Equal(["undertaken", "raise"], matterChanges.Select(c => c.Action));
        Assert.Contains(matterChanges[0].Fields, f => f is { Field: "step", Before: "Assigned", After: "Undertaken" });
        Assert.Contains(matterChanges[0].Fields, f => f is { Field: "stepNote", After: "已安排专家" });

        var team = fixture.Grains.GetGrain<IExpertTeamGrain>($"team-{Guid.NewGuid():N}"[..20]);
        var register = new RegisterExpertTeam("专家服务团", ExpertTeamKind.ServiceTeam, Track.Health, [helper], [new Expert("张医生", "心内科", null)]);
        await team.RegisterAsync(register, TestData.Office);
        await team.RegisterAsync(register with { NameZh = "专家服务团（二期）" }, TestData.Office);
        Assert.Equal(new FieldChange("nameZh", "专家服务团", "专家服务团（二期）"), Assert.Single((await team.GetChangesAsync())[0].Fields));

        var platform = fixture.Grains.GetGrain<IPlatformGrain>($"pf-{Guid.NewGuid():N}"[..20]);
        var station = new RegisterPlatform("院士工作站", PlatformKind.AcademicianWorkstation, Track.Technology, "520525", [helper], new DateOnly(2020, 5, 1), null);
        await platform.RegisterAsync(station, TestData.Office);
        await platform.RegisterAsync(station with { Description = "种植技术" }, TestData.Office);
        Assert.Equal(new FieldChange("description", null, "种植技术"), Assert.Single((await platform.GetChangesAsync())[0].Fields));
    }
}
