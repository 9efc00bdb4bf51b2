using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Reference;
using Bijie.Actors.Ledger;
using Microsoft.Extensions.Options;

namespace Bijie.Actors.Grains.Supervision;

/// <summary>
/// 督促推进: which active pairings and projects under way need an update — a milestone past its due date and not
/// done, or no report for <see cref="SupervisionOptions.StaleAfterDays"/> days — and, by an Orleans reminder,
/// one reminder a day per responsible person in the office's inbox. Nothing is stored: the list is computed
/// from the roll-ups, the subjects and one ledger query.
/// </summary>
public sealed class SupervisionGrain(
    ILedger ledger,
    IOptions<SupervisionOptions> options,
    IOptions<Approvals.ApprovalOptions> approval,
    TimeProvider time) : Grain, ISupervisionGrain, IRemindable
{
    private const string Daily = "supervision";

    public async Task<IReadOnlyList<UpdateNeeded>> ListAsync(string? period = null)
    {
        // As of the period's last day (today while it runs): what stood then, from the reports dated up to it.
        var now = ProgrammeClock.Today(time);
        period ??= ReportingPeriods.Of(now);
        var last = ReportingPeriods.Require(period).Last;
        var today = last < now ? last : now;
        var city = GrainFactory.GetGrain<IScopeGrain>(Scopes.Locality(LocalityCodes.Bijie));
        var latest = await ledger.LatestReportDatesAsync(today);
        var stale = options.Value.StaleAfterDays;
        var items = new List<UpdateNeeded>();
        void IfSilent(string id, string kind, string label, string place, string staff, DateOnly started)
        {
            var since = latest.TryGetValue(id, out var last) ? last : started;
            var days = today.DayNumber - since.DayNumber;
            if (days > stale)
            {
                // A subject that never reported since a start decades ago is "no report yet", not "silent for 14,005 days".
                var reported = latest.ContainsKey(id);
                items.Add(new UpdateNeeded(id, kind, label, place, staff, "no_recent_report",
                    reported ? $"最近填报 {since:yyyy-MM-dd}，已 {days} 天未填报 · last report {since:yyyy-MM-dd}, {days} days ago"
                        : $"自 {since:yyyy-MM-dd} 开始以来尚无填报 · no report since it started on {since:yyyy-MM-dd}",
                    since, period, reported ? since : null, reported ? days : null));
            }
        }

        var pairings = await Task.WhenAll((await city.GetMembersAsync(Scopes.AllPairings, today.Year))
            .Select(id => GrainFactory.GetGrain<IPairingGrain>(id).GetAsync()));
        foreach (var p in pairings.Where(p => p.Status != PairingStatus.None && p.Start <= today && (p.End is null || p.End > today)))
        {
            IfSilent(p.Id, "pairing", p.Id, p.LocalityCode, p.ResponsibleStaffId, p.Start);
        }

        var projects = await Task.WhenAll((await city.GetMembersAsync(Indicators.ProjectsTotal, today.Year))
            .Select(id => GrainFactory.GetGrain<IProjectGrain>(id).GetAsync()));
        foreach (var p in projects.Where(p => p.Status == ProjectStatus.InProgress))
        {
            foreach (var m in p.Milestones.Where(m => m.Due < today && m.PercentComplete < 100))
            {
                items.Add(new UpdateNeeded(p.Id, "project", p.Title, p.LocalityCode, p.ResponsibleStaffId, "milestone_past_due",
                    $"里程碑“{m.Title}”应于 {m.Due:yyyy-MM-dd} 完成，进度 {m.PercentComplete}% · milestone due {m.Due:yyyy-MM-dd} at {m.PercentComplete}%", m.Due, period));
            }

            IfSilent(p.Id, "project", p.Title, p.LocalityCode, p.ResponsibleStaffId, p.StartedOn ?? p.ProposedOn);
        }

        return items.OrderBy(i => i.ResponsibleStaffId, StringComparer.Ordinal).ThenBy(i => i.Since).ToArray();
    }

    public async Task<int> RemindAsync()
    {
        var today = ProgrammeClock.Today(time);
        var office = GrainFactory.GetGrain<IInboxGrain>(Inboxes.Office);
        var byPerson = (await ListAsync()).GroupBy(i => i.ResponsibleStaffId).ToArray();
        foreach (var group in byPerson)
        {
            var name = StaffDirectory.Find(group.Key)?.Name ?? group.Key;
            // One a day per person: the same id again the same day (a repeated tick) is ignored by the inbox.
            var id = Inboxes.NotificationId($"supervision#{today:yyyy-MM-dd}#{group.Key}");
            await office.NotifyAsync(new Notification(id, "supervision.update_needed", $"督促推进：{name} 负责的 {group.Count()} 项需要更新",
                string.Join("；", group.Take(5).Select(i => $"{i.Label}：{i.Detail}")), NoticeTarget.Supervision, time.GetUtcNow(), false));
        }

        return byPerson.Length;
    }

    /// <summary>
    /// 逐级审核: once the last ended period is past its approval days, each locality whose level a batch with figures
    /// waits for hears of it in its inbox, once a day, with the number waiting and a link to them (the city's level in
    /// the office's inbox). A batch without a figure in the quarter reminds nobody.
    /// </summary>
    public async Task<int> RemindApproversAsync()
    {
        var today = ProgrammeClock.Today(time);
        var period = ReportingPeriods.Of(today.AddMonths(-3));
        var (first, last) = ReportingPeriods.Require(period);
        if (today <= last.AddDays(approval.Value.DueDays))
        {
            return 0;
        }

        var head = await ledger.HeadAsync();
        var waiting = new List<ApprovalBatch>();
        foreach (var batch in await GrainFactory.GetGrain<IPeriodApprovalsGrain>(period).WaitingAsync())
        {
            if ((await Approvals.PeriodApprovalsGrain.FiguresAsync(ledger, batch.Unit, first, last, approval.Value.UnitLevel, head)).Values.Any(v => v != 0))
            {
                waiting.Add(batch);
            }
        }

        var byApprover = waiting.GroupBy(b => LocalityCodes.Lineage(b.Unit)[(int)b.Next!.Value]).ToArray();
        foreach (var group in byApprover)
        {
            var inbox = group.Key == LocalityCodes.Bijie ? Inboxes.Office : Inboxes.Locality(group.Key);
            var id = Inboxes.NotificationId($"approvals#{period}#{today:yyyy-MM-dd}#{group.Key}");
            await GrainFactory.GetGrain<IInboxGrain>(inbox).NotifyAsync(new Notification(id, "approvals.waiting",
                $"逐级审核待办：{period} 有 {group.Count()} 个批次待审 · {group.Count()} batches of {period} wait for your approval",
                string.Join("、", group.Take(10).Select(b => b.UnitName ?? b.Unit)) + (group.Count() > 10 ? " …" : ""),
                NoticeTarget.Approvals(period), time.GetUtcNow(), false));
        }

        return byApprover.Length;
    }

    public Task ScheduleAsync() => this.RegisterOrUpdateReminder(Daily, TimeSpan.FromMinutes(1), options.Value.Interval);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await RemindAsync();
        await RemindApproversAsync();
    }
}
