namespace Bijie.Actors.Client;

/// <summary>A locality of Bijie.</summary>
public sealed record Locality(string Code, string Name, string OfficialName, string Level, string? ParentCode, IReadOnlyList<LocalityRef> Children);

public sealed record LocalityRef(string Code, string Name);

/// <summary>An indicator's figure on a board.</summary>
public sealed record BoardFigure(decimal Value, decimal? PreviousValue, decimal? YoyPercent, string NameZh, string NameEn, string Unit);

/// <summary>A board: the figures of a scope for a year.</summary>
public sealed record Board(string Code, string Name, int Year, IReadOnlyDictionary<string, BoardFigure> Indicators);

/// <summary>A progress report to send.</summary>
public sealed record NewReport(string? PairingId, string? ProjectId, DateOnly Date, IReadOnlyDictionary<string, decimal> Values, string? Note = null);

/// <summary>The answer to a report: its id; <see cref="Replayed"/> when an earlier attempt had committed it.</summary>
public sealed record ReportReceipt(Guid Id, long Position, bool Replayed, IReadOnlyList<ReportWarning>? Warnings = null);

/// <summary>A warning a report is (or would be) accepted with: a validation rule it breaks, or an outlier, in words.</summary>
public sealed record ReportWarning(string RuleId, string Severity, string Indicator, decimal Value, decimal Limit, string MessageZh, string MessageEn);

/// <summary>What a report would be accepted with, checked without writing it.</summary>
public sealed record ReportCheck(IReadOnlyList<ReportWarning> Warnings);

/// <summary>A report as the ledger holds it.</summary>
public sealed record Report(Guid Id, string Kind, string SubjectId, DateOnly Date, IReadOnlyDictionary<string, decimal> Values, string ReportedBy, bool OnBehalf, DateTimeOffset RecordedAt, Guid? Reverses, long Position);

/// <summary>An enterprise as registered (统一社会信用代码, name, industry, home province).</summary>
public sealed record Enterprise(string CreditCode, string Name, string? Industry, string? Province);

/// <summary>A member of the programme office's staff (the responsible person of a pairing or project).</summary>
public sealed record StaffMember(string Id, string Name, string Role);

/// <summary>One silo's share of the activations, by grain type.</summary>
public sealed record SiloActivations(string Silo, int Activations, IReadOnlyDictionary<string, int> ByGrainType);

/// <summary>
/// Where the ledger's hash chain stood when a day was over; <see cref="Check"/> is what deploy/verify-ledger.sh --digest takes.
/// </summary>
public sealed record LedgerDigest(DateOnly Day, long Position, string Hash, long Entries, long Lines, DateTimeOffset WrittenAt, string Check);

/// <summary>A pairing to start.</summary>
public sealed record NewPairing(string Kind, string? HelperId, string? EnterpriseCode, string? LocalityCode, string? PartnerId, string? Domain, DateOnly Start, string ResponsibleStaffId, string? Note = null);

/// <summary>A pairing.</summary>
public sealed record Pairing(string Id, string Kind, string Status, string LocalityCode, string? HelperId, string? EnterpriseCode, string? PartnerId, string? Domain, DateOnly Start, DateOnly? End, string? EndReason, string ResponsibleStaffId, int Version);

/// <summary>A page of a listing.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, int Total);

/// <summary>Filters of the pairings listing.</summary>
public sealed record PairingFilter(string? Locality = null, string? Enterprise = null, string? Helper = null, int? Year = null, string? Status = null, int Page = 1, int Size = 50);

/// <summary>
/// An indicator of the catalogue; reports carry only the <see cref="Reportable"/> ones (summed, and recorded by
/// reports: research visits and expert service come from their own records, <see cref="Source"/>).
/// </summary>
public sealed record IndicatorInfo(string Code, string NameZh, string NameEn, string Unit, string Aggregation, bool Integral, decimal MaxPerReport, bool Reportable, string? Source = null);

/// <summary>An API key to issue: its role (Helper, Enterprise, Office, …) and the organisation it speaks for.</summary>
public sealed record NewApiKey(string Owner, string Role, string? OrganizationId);

/// <summary>An API key as the server keeps it (never the secret).</summary>
public sealed record ApiKeyInfo(string Id, string Owner, string Role, string? OrganizationId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new key and its token (bjk_…), shown this once.</summary>
public sealed record IssuedApiKey(ApiKeyInfo Key, string Token);

/// <summary>One indicator's value of a standing report, as the ledger's export lists it; <see cref="ReportedBy"/> is the key id (or account) that made it.</summary>
public sealed record ReportLine(Guid ReportId, string SubjectKind, string SubjectId, DateOnly Date, string Indicator, decimal Value, string ReportedBy, string? Note = null)
{
    /// <summary>Reads the CSV of <c>/api/v1/exports/reports.csv</c> (UTF-8 with a BOM, Chinese headers).</summary>
    public static IReadOnlyList<ReportLine> ParseExport(string csv)
    {
        // An export with no report has no header either: only the BOM and a line break.
        var rows = Csv.Parse(csv.TrimStart('\uFEFF')).Where(r => r.Any(f => f.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0];
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"The reports export has no column '{name}'.");
        int id = Column("填报编号"), kind = Column("对象类型"), subject = Column("对象编号"), date = Column("填报日期"),
            indicator = Column("指标代码"), value = Column("数值"), by = Column("填报人"), note = header.IndexOf("备注");
        return rows.Skip(1).Where(r => r.Count == header.Count).Select(r => new ReportLine(
            Guid.Parse(r[id]), r[kind], r[subject], DateOnly.Parse(r[date], System.Globalization.CultureInfo.InvariantCulture), r[indicator],
            decimal.Parse(r[value], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture), r[by],
            note >= 0 && r[note].Length > 0 ? r[note] : null)).ToArray();
    }
}

/// <summary>RFC 4180 CSV: fields in double quotes may hold commas, quotes (doubled) and line breaks.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
