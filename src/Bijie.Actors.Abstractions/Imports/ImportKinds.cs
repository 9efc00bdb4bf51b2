namespace Bijie.Actors.Abstractions;

/// <summary>The kinds that can be imported and the columns of each, in order: a template's header.</summary>
public static class ImportKinds
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["enterprises"] = [LedgerColumns.CreditCode, LedgerColumns.EnterpriseName, LedgerColumns.Industry, LedgerColumns.Province],
        ["helpers"] = [LedgerColumns.HelperId, LedgerColumns.HelperName, LedgerColumns.HelperNameEn, LedgerColumns.HelperKind, LedgerColumns.LocalityCode],
        ["pairings"] = [LedgerColumns.Kind, LedgerColumns.HelperId, LedgerColumns.EnterpriseCode, LedgerColumns.LocalityCode, LedgerColumns.PartnerId, LedgerColumns.Domain, LedgerColumns.Start, LedgerColumns.Staff, LedgerColumns.End, LedgerColumns.EndReason,],
        ["projects"] = [LedgerColumns.ProjectId, LedgerColumns.ProjectTitle, LedgerColumns.Track, LedgerColumns.LocalityCode, LedgerColumns.LeadHelper, LedgerColumns.CoHelpers, LedgerColumns.Staff, LedgerColumns.PlannedYuan, LedgerColumns.SignedYuan, LedgerColumns.LandedYuan, LedgerColumns.Status, LedgerColumns.ProposedOn, LedgerColumns.InLibraryOn, LedgerColumns.PlannedYear, LedgerColumns.PlannedOn, LedgerColumns.StartedOn, LedgerColumns.FinishedOn, LedgerColumns.CancelledOn,],
        ["reports"] = [LedgerColumns.SubjectKind, LedgerColumns.SubjectId, LedgerColumns.Date, LedgerColumns.Indicator, LedgerColumns.Value],
    };

    /// <summary>The header of a kind; an unknown kind is 404 <c>import.kind</c>.</summary>
    public static IReadOnlyList<string> HeaderOf(string kind) => Headers.TryGetValue(kind, out var header)
        ? header
        : throw DomainException.NotFound("import.kind", $"'{kind}' cannot be imported: enterprises, helpers, pairings, projects or reports.", "kind");
}
