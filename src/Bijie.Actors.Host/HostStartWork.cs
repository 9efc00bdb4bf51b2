using Bijie.Actors.Abstractions;
using Bijie.Actors.Demo;
using Bijie.Actors.Host.Health;
using Bijie.Actors.Host.Hosting;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Host;

/// <summary>
/// Work a host does once its silo runs, before it reports ready: records its start with the programme grain
/// (which proves the grain store answers), loads the demo programme into an empty store when configured, and
/// waits until the roll-ups hold every committed batch. Retries until it succeeds, so a store that comes up late
/// delays readiness instead of failing the host.
/// </summary>
public sealed class HostStartWork(
    IGrainFactory grains,
    SiloActiveSignal silo,
    BijieHostOptions options,
    StartupWork work,
    DemoLoader demo,
    ILedger ledger,
    TimeProvider time,
    IServiceProvider services,
    ILogger<HostStartWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The division map is read before the host says it is ready, not by the first request that needs it (the
        // whole country's takes seconds; Bijie's, milliseconds).
        work.Report("reading the division map");
        var divisions = await Task.Run(() => services.GetRequiredService<Bijie.Actors.Divisions.DivisionCatalog>(), stoppingToken);
        logger.LogInformation("Division map of {Area}: {Count} divisions", divisions.Area, divisions.Count);
        work.Report("waiting for the silo to become active");
        await silo.WhenActive.WaitAsync(stoppingToken);
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                work.Report("recording the host's start with the programme");
                var info = await grains.GetGrain<IProgrammeGrain>(ProgrammeKeys.Bijie)
                    .RecordHostStartAsync(new HostStart(options.EffectiveSiloName, time.GetUtcNow()));
                logger.LogInformation("Host {SiloName} started; the store has seen {HostStarts} host starts since {FirstStartedAt}",
                    options.EffectiveSiloName, info.HostStarts, info.FirstStartedAt);
                await EnsureAdminKeyAsync();
                await EnsureHistoryAsync();
                await grains.GetGrain<ISupervisionGrain>(0).ScheduleAsync();
                if (options.Demo == DemoMode.OnEmptyStore)
                {
                    await demo.LoadIfEmptyAsync(work.Report, stoppingToken);
                    await EnsureDemoAccountsAsync();
                }

                await WaitForRollupsAsync(stoppingToken);
                work.Complete();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                work.Report($"start-up work failed ({e.GetType().Name}: {e.Message.Split('\n')[0]}); retrying");
                logger.LogWarning(e, "Start-up work failed; retrying in {Delay}", delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>The programme's published totals since 1988 (Data/history-since-1988.csv) go into an empty history.</summary>
    private async Task EnsureHistoryAsync()
    {
        var history = grains.GetGrain<IHistoryGrain>(0);
        if ((await history.ListAsync()).Count == 0)
        {
            work.Report("importing the programme's history since 1988");
            await history.ImportAsync(Bijie.Actors.Grains.History.HistoryGrain.Published(), ActorRef.System);
        }
    }

    /// <summary>No key ships: the first start creates an admin key and writes it where only this user can read it.</summary>
    private async Task EnsureAdminKeyAsync()
    {
        if (string.IsNullOrWhiteSpace(options.AdminKeyFile))
        {
            return;
        }

        var path = Path.GetFullPath(options.AdminKeyFile);
        if (File.Exists(path) && await ApiKeyIssuer.IsActiveAsync(grains, (await File.ReadAllTextAsync(path)).Trim()))
        {
            logger.LogInformation("The admin API key is in {Path}", path);
            return;
        }

        work.Report("creating the admin API key");
        var issued = await ApiKeyIssuer.IssueAsync(grains, "系统管理员", ActorRole.Admin, null, "first-start");
        await WriteSecretAsync(path, issued.Token + "\n");
        logger.LogWarning("Created an admin API key ({KeyId}) and wrote it to {Path}: keep it secret", issued.Key.Id, path);
    }

    /// <summary>
    /// The demo's sign-in accounts, so that its office and reporting pages can be tried: an office account, a
    /// helper's (民革中央, which leads the 同心家园 projects at 金山社区) and an enterprise's (paired with 金山社区).
    /// Passwords are made up at first start and written where only this user can read them.
    /// </summary>
    private async Task EnsureDemoAccountsAsync()
    {
        if (string.IsNullOrWhiteSpace(options.DemoAccountsFile))
        {
            return;
        }

        var path = Path.GetFullPath(options.DemoAccountsFile);
        var programme = new DemoProgramme();
        (string User, string Name, ActorRole Role, string? Organization)[] accounts =
        [
            ("office", "市委统战部办公室", ActorRole.Office, null),
            ("minge", "民革中央联络员", ActorRole.Helper, "minge-central"),
            ("enterprise", programme.Enterprises[1].Name, ActorRole.Enterprise, programme.Enterprises[1].CreditCode),
            // Approvers of the level-by-level approval: a county's office and one of its townships'.
            ("dafang", "大方县委统战部", ActorRole.Locality, "520521"),
            ("hongqi", "红旗街道统战办", ActorRole.Locality, "520521001"),
        ];
        var lines = new List<string> { "# user name <TAB> password <TAB> role <TAB> name — the demo's accounts; sign in at /login.html" };
        foreach (var (user, name, role, organization) in accounts)
        {
            var account = grains.GetGrain<IAccountGrain>(user);
            try
            {
                await account.GetAsync();
                continue; // made at an earlier start: its password is in the file written then
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
            }

            var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            await account.CreateAsync(name, role, organization, password, "demo");
            lines.Add($"{user}\t{password}\t{role}\t{name}");
        }

        if (lines.Count > 1 && File.Exists(path))
        {
            await File.AppendAllLinesAsync(path, lines.Skip(1)); // the file is already this user's only
            logger.LogWarning("Created more of the demo's sign-in accounts and added them to {Path}", path);
        }
        else if (lines.Count > 1)
        {
            await WriteSecretAsync(path, string.Join('\n', lines) + "\n");
            logger.LogWarning("Created the demo's sign-in accounts and wrote them to {Path}", path);
        }
    }

    private static async Task WriteSecretAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, create);
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(text);
    }

    /// <summary>Waits until every batch committed so far reached its roll-ups, then builds the city's.</summary>
    private async Task WaitForRollupsAsync(CancellationToken stoppingToken)
    {
        var head = await ledger.HeadAsync(stoppingToken);
        while (await ledger.DeliveredWatermarkAsync(stoppingToken) < head)
        {
            work.Report($"building the roll-ups (ledger head {head})");
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
        }

        await grains.GetGrain<IScopeGrain>(Scopes.Locality(LocalityCodes.Bijie)).GetStatsAsync();
    }
}
