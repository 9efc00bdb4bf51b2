using Bijie.Actors.Abstractions;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Logging;

namespace Bijie.Actors.Demo;

/// <summary>
/// Loads <see cref="DemoProgramme"/> through the grains, as the office would enter it, into a store that holds
/// nothing yet. Every step is idempotent, so a host that dies while loading resumes on its next start.
/// </summary>
public sealed class DemoLoader(IGrainFactory grains, ILedger ledger, ILogger<DemoLoader> logger)
{
    private static readonly ActorRef Demo = new("demo", ActorRole.System);

    /// <summary>Loads the demo if the store is empty (or a load was interrupted); reports progress in words.</summary>
    public async Task<DemoStatus> LoadIfEmptyAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var programme = grains.GetGrain<IProgrammeGrain>(ProgrammeKeys.Bijie);
        var status = (await programme.GetInfoAsync()).Demo;
        if (status is DemoStatus.Loaded or DemoStatus.Skipped)
        {
            return status;
        }

        if (status == DemoStatus.None && await ledger.HeadAsync(cancellationToken) > 0)
        {
            logger.LogInformation("The ledger holds entries already: no demo is loaded into this store");
            await programme.SetDemoStatusAsync(DemoStatus.Skipped);
            return DemoStatus.Skipped;
        }

        await programme.SetDemoStatusAsync(DemoStatus.Loading);
        var demo = new DemoProgramme();
        var started = DateTime.UtcNow;

        progress("demo: helpers and enterprises");
        await ForEachAsync(demo.Helpers, h => grains.GetGrain<IHelperGrain>(h.Id).RegisterAsync(h, Demo), cancellationToken);
        await ForEachAsync(demo.Enterprises, e => grains.GetGrain<IEnterpriseGrain>(e.CreditCode).RegisterAsync(e, Demo), cancellationToken);

        progress($"demo: {demo.Pairings.Count} pairings");
        await ForEachAsync(demo.Pairings, p => grains.GetGrain<IPairingGrain>(PairingIds.For(p)).StartAsync(p, Demo), cancellationToken);

        progress($"demo: {demo.Projects.Count} projects");
        await ForEachAsync(demo.Projects, p => AdvanceAsync(p), cancellationToken);

        progress($"demo: {demo.Reports.Count} reports");
        await ForEachAsync(demo.Reports, r => grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync(r, Demo), cancellationToken);

        progress($"demo: {demo.Visits.Count} research visits, {demo.ServiceBatches.Count} expert service batches, {demo.Platforms.Count} platforms");
        await ForEachAsync(demo.Visits, v => grains.GetGrain<IVisitGrain>(v.Id).RecordAsync(v.Visit, Demo), cancellationToken);
        await ForEachAsync(demo.ExpertTeams, t => grains.GetGrain<IExpertTeamGrain>(t.Id).RegisterAsync(t.Team, Demo), cancellationToken);
        await ForEachAsync(demo.ServiceBatches, b => grains.GetGrain<IExpertTeamGrain>(b.TeamId).RecordBatchAsync(b.Batch, b.Key, Demo), cancellationToken);
        await ForEachAsync(demo.Platforms, p => grains.GetGrain<IPlatformGrain>(p.Id).RegisterAsync(p.Platform, Demo), cancellationToken);

        await programme.SetDemoStatusAsync(DemoStatus.Loaded);
        logger.LogInformation("Demo programme loaded in {Seconds:F1} s: {Helpers} helpers, {Enterprises} enterprises, {Pairings} pairings, {Projects} projects, {Reports} reports",
            (DateTime.UtcNow - started).TotalSeconds, demo.Helpers.Count, demo.Enterprises.Count, demo.Pairings.Count, demo.Projects.Count, demo.Reports.Count);
        return DemoStatus.Loaded;
    }

    /// <summary>Takes a project from its proposal to its stage, skipping the steps a previous load did.</summary>
    private async Task AdvanceAsync(DemoProject p)
    {
        var grain = grains.GetGrain<IProjectGrain>(p.Id);
        ProjectInfo info;
        try
        {
            info = await grain.ProposeAsync(new ProposeProject(p.Title, p.Track, p.LocalityCode, p.LeadHelperId, p.CoHelperIds, p.ResponsibleStaffId,
                new ProjectMoney(p.PlannedYuan, 0, 0), [], p.ProposedOn), Demo);
        }
        catch (DomainException e) when (e.Code == "project.exists")
        {
            info = await grain.GetAsync(); // an earlier load took it further: resume from where it stands
        }
        var steps = new List<ProjectTransition> { new(ProjectStatus.InLibrary, p.ProposedOn.AddDays(3)) };
        if (p.Stage != DemoStage.InLibrary)
        {
            steps.Add(new(ProjectStatus.Planned, p.ProposedOn.AddDays(4), p.PlannedYear ?? p.ProposedOn.Year));
        }

        if (p.Stage is DemoStage.InProgress or DemoStage.Completed)
        {
            steps.Add(new(ProjectStatus.InProgress, p.ProposedOn.AddDays(5)));
        }

        if (p.Stage == DemoStage.Completed)
        {
            steps.Add(new(ProjectStatus.Completed, new DateOnly(p.ProposedOn.Year, 12, 1 + p.ProposedOn.Day % 28)));
        }

        foreach (var step in steps.Where(s => Rank(s.To) > Rank(info.Status)))
        {
            info = await grain.TransitionAsync(step, Demo);
        }
    }

    private static int Rank(ProjectStatus status) => status switch
    {
        ProjectStatus.Proposed => 0,
        ProjectStatus.InLibrary => 1,
        ProjectStatus.Planned => 2,
        ProjectStatus.InProgress => 3,
        _ => 4,
    };

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (item, _) => await action(item));
}
