using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

/// <summary>Fresh helpers, enterprises, pairings and projects for a test; every key is new.</summary>
public sealed class TestData(IGrainFactory grains)
{
    private static int counter;

    public static readonly ActorRef Office = new("office", ActorRole.Office);

    public static string NewHelperId() => $"helper-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}"[..30];

    /// <summary>A valid unified social credit code, new each call.</summary>
    public static string NewCreditCode()
    {
        var body = $"915205{Random.Shared.NextInt64(100_000_000_00, 999_999_999_99)}";
        return body + CreditCodes.CheckCharacter(body);
    }

    public async Task<string> HelperAsync(HelperKind kind = HelperKind.Unit, string? localityCode = null)
    {
        var id = NewHelperId();
        await grains.GetGrain<IHelperGrain>(id).RegisterAsync(new HelperProfile(id, $"测试单位{id[^6..]}", null, kind, localityCode, []), Office);
        return id;
    }

    public async Task<string> EnterpriseAsync()
    {
        var code = NewCreditCode();
        await grains.GetGrain<IEnterpriseGrain>(code).RegisterAsync(new EnterpriseProfile(code, $"测试企业{code[^6..]}", "农业", "贵州"), Office);
        return code;
    }

    public async Task<PairingInfo> EnterpriseVillageAsync(string enterprise, string village, DateOnly? start = null)
    {
        var request = new StartPairing(PairingKind.EnterpriseVillage, null, enterprise, village, null, null, start ?? new DateOnly(2022, 3, 1), "staff-001");
        return await grains.GetGrain<IPairingGrain>(PairingIds.For(request)).StartAsync(request, Office);
    }

    public async Task<PairingInfo> TownshipAsync(string unit, string township, DateOnly? start = null)
    {
        var request = new StartPairing(PairingKind.Township, unit, null, township, null, Track.Education, start ?? new DateOnly(2022, 3, 1), "staff-002");
        return await grains.GetGrain<IPairingGrain>(PairingIds.For(request)).StartAsync(request, Office);
    }

    public async Task<ProjectInfo> ProjectInProgressAsync(string lead, string locality, Track track = Track.Health, DateOnly? proposed = null)
    {
        var id = $"prj-{Guid.NewGuid():N}";
        var project = grains.GetGrain<IProjectGrain>(id);
        var on = proposed ?? new DateOnly(2023, 1, 10);
        await project.ProposeAsync(new ProposeProject("测试项目", track, locality, lead, [], "staff-003", new ProjectMoney(1_000_000m, 0, 0), [], on), Office);
        await project.TransitionAsync(new ProjectTransition(ProjectStatus.InLibrary, on.AddDays(5)), Office);
        await project.TransitionAsync(new ProjectTransition(ProjectStatus.Planned, on.AddDays(6), on.Year), Office);
        return await project.TransitionAsync(new ProjectTransition(ProjectStatus.InProgress, on.AddDays(7)), Office);
    }

    /// <summary>Polls until the condition holds, or fails after the deadline.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20) =>
        EventuallyAsync(condition, () => what, seconds);

    /// <summary>As above, describing what was awaited as it stands when the wait times out.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"timed out after {seconds}s waiting for {what()}");
    }
}
