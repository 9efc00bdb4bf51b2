using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed class ProjectImporter(IGrainFactory grains) : IImporter
{
    public async Task<string> ActionAsync(object item)
    {
        try
        {
            await grains.GetGrain<IProjectGrain>(((ProjectRow)item).Id).GetAsync();
            return "update";
        }
        catch (DomainException e) when (e.Code == "project.unknown")
        {
            return "create";
        }
    }

    public async Task<object> CheckAsync(ImportRowReader row, int number, ActorRef actor)
    {
        var track = Tracks.Parse(row.Required(LedgerColumns.Track)) ?? throw DomainException.Invalid("project.track", "Not a track.", LedgerColumns.Track);
        var status = Enum.TryParse<ProjectStatus>(row.Required(LedgerColumns.Status), ignoreCase: true, out var st) && st is not ProjectStatus.None && Enum.IsDefined(st)
            ? st
            : throw DomainException.Invalid("project.status", $"'{row.Text(LedgerColumns.Status)}' is not a status.", LedgerColumns.Status);
        var lead = row.Required(LedgerColumns.LeadHelper);
        var co = (row.Text(LedgerColumns.CoHelpers) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var helper in co.Prepend(lead))
        {
            if (!await grains.GetGrain<IHelperGrain>(helper).ExistsAsync())
            {
                throw DomainException.Invalid("helper.unknown", $"No helper organisation '{helper}': import the helpers first.", LedgerColumns.LeadHelper);
            }
        }

        var locality = row.Required(LedgerColumns.LocalityCode);
        await ImportChecks.CheckLocalityAsync(grains, locality);

        var money = new ProjectMoney(row.Text(LedgerColumns.PlannedYuan) is null ? 0 : row.Number(LedgerColumns.PlannedYuan),
            row.Text(LedgerColumns.SignedYuan) is null ? 0 : row.Number(LedgerColumns.SignedYuan), row.Text(LedgerColumns.LandedYuan) is null ? 0 : row.Number(LedgerColumns.LandedYuan));
        var proposal = new ProposeProject(row.Required(LedgerColumns.ProjectTitle), track, locality, lead, co, row.Required(LedgerColumns.Staff), money, [], row.Date(LedgerColumns.ProposedOn));
        int? plannedYear = row.Text(LedgerColumns.PlannedYear) is null ? null : (int)row.Number(LedgerColumns.PlannedYear);
        return new ProjectRow(row.Required(LedgerColumns.ProjectId), proposal, status, row.OptionalDate(LedgerColumns.InLibraryOn), plannedYear, row.OptionalDate(LedgerColumns.PlannedOn),
            row.OptionalDate(LedgerColumns.StartedOn), row.OptionalDate(LedgerColumns.FinishedOn), row.OptionalDate(LedgerColumns.CancelledOn));
    }

    public IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) =>
        rows.GroupBy(r => ((ProjectRow)r.Item).Id).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(r => new ImportError(r.Row, LedgerColumns.ProjectId, $"{g.Key} appears more than once in the file.")));

    /// <summary>Proposes the project and replays its life to the status of the row, with the row's dates; steps done before are skipped.</summary>
    public async Task ApplyAsync(object item, int row, ActorRef actor)
    {
        var p = (ProjectRow)item;
        var grain = grains.GetGrain<IProjectGrain>(p.Id);
        ProjectInfo info;
        try
        {
            info = await grain.GetAsync();
        }
        catch (DomainException e) when (e.Code == "project.unknown")
        {
            info = await grain.ProposeAsync(p.Proposal, actor);
        }

        var steps = new List<ProjectTransition>();
        if (p.InLibraryOn is { } library)
        {
            steps.Add(new(ProjectStatus.InLibrary, library));
        }

        if (p.PlannedYear is { } year)
        {
            steps.Add(new(ProjectStatus.Planned, p.PlannedOn ?? p.InLibraryOn ?? p.Proposal.ProposedOn, year));
        }

        if (p.StartedOn is { } started)
        {
            steps.Add(new(ProjectStatus.InProgress, started));
        }

        if (p.FinishedOn is { } finished)
        {
            steps.Add(new(ProjectStatus.Completed, finished));
            if (p.Status == ProjectStatus.Accepted)
            {
                steps.Add(new(ProjectStatus.Accepted, finished));
            }
        }

        if (p.Status == ProjectStatus.Suspended)
        {
            steps.Add(new(ProjectStatus.Suspended, p.StartedOn ?? p.PlannedOn ?? p.Proposal.ProposedOn));
        }

        if (p.CancelledOn is { } cancelled)
        {
            steps.Add(new(ProjectStatus.Cancelled, cancelled));
        }

        foreach (var step in steps)
        {
            if (ProjectTransitions.From(info.Status).Contains(step.To))
            {
                info = await grain.TransitionAsync(step, actor);
            }
        }
    }
}
