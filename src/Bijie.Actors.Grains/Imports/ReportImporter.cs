using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

internal sealed class ReportImporter(IGrainFactory grains, string fileHash) : IImporter
{
    public async Task<object> CheckAsync(ImportRowReader row, int number, ActorRef actor)
    {
        var subjectKind = row.Required(LedgerColumns.SubjectKind);
        var subject = row.Required(LedgerColumns.SubjectId);
        var values = new Dictionary<string, decimal> { [row.Required(LedgerColumns.Indicator)] = row.Number(LedgerColumns.Value) };
        var report = subjectKind switch
        {
            "pairing" => new ReportSubmission(subject, null, row.Date(LedgerColumns.Date), values, $"import:{fileHash}:{number}"),
            "project" => new ReportSubmission(null, subject, row.Date(LedgerColumns.Date), values, $"import:{fileHash}:{number}"),
            _ => throw DomainException.Invalid("report.subject", $"{LedgerColumns.SubjectKind} is 'pairing' or 'project'.", LedgerColumns.SubjectKind),
        };
        await grains.GetGrain<IReportIntakeGrain>(0).CheckAsync(report, actor);
        return report;
    }

    public async Task ApplyAsync(object item, int row, ActorRef actor) =>
        await grains.GetGrain<IReportIntakeGrain>(0).SubmitAsync((ReportSubmission)item, actor);
}
