using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Localities;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Bench.HotPaths;

/// <summary>
/// Deterministic inputs shaped like the product's traffic: enterprise–village pairings on Bijie's real villages,
/// reports of two or three reportable values counted in the village's lineage, the track, the enterprise and the
/// pairing, and among them the office's approvals, research visits and pairings' starts with their membership lines.
/// </summary>
internal static class SampleProgramme
{
    public const int Year = 2024;

    /// <summary>Every village code of the embedded division list, in order.</summary>
    public static IReadOnlyList<string> Villages { get; } = DivisionCatalog.Bijie.All
        .Where(d => d.Level == LocalityLevel.Village).Select(d => d.Code).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The indicators a report may carry, in catalogue order.</summary>
    public static IReadOnlyList<Indicator> Reportable { get; } = Indicators.All.Where(i => i.Reportable).ToArray();

    public static ActorRef Enterprise(string creditCode) => new("key-ent-0001", ActorRole.Enterprise, creditCode);

    /// <summary>A valid unified social credit code (registered in 七星关区), one per number.</summary>
    public static string CreditCode(int number)
    {
        var first17 = $"91520502{number:D8}0";
        return first17 + CreditCodes.CheckCharacter(first17);
    }

    /// <summary>The enterprise–village pairing number <paramref name="number"/>: its id, enterprise and the scopes its reports count in.</summary>
    public static (string Id, string CreditCode, string Village, IReadOnlyList<string> Scopes) Pairing(int number)
    {
        var code = CreditCode(number);
        var village = Villages[number * 7 % Villages.Count];
        var id = $"ev-{code}-{village}";
        var scopes = LocalityCodes.Lineage(village).Select(Scopes.Locality)
            .Append(Scopes.Track(Track.Industry)).Append(Scopes.Enterprise(code)).Append(Scopes.Subject(id)).ToArray();
        return (id, code, village, scopes);
    }

    /// <summary>A report of pairing <paramref name="number"/> as the API passes it to the intake: two or three reportable values.</summary>
    public static ReportSubmission Report(int number, DateOnly date)
    {
        var values = new Dictionary<string, decimal>();
        for (var k = 0; k < 2 + number % 2; k++)
        {
            var indicator = Reportable[(number + k * 3) % Reportable.Count];
            values[indicator.Code] = indicator.Integral ? 1 + number % 97 : 250_000m + number * 1_000.50m;
        }

        return new ReportSubmission(Pairing(number).Id, null, date, values, $"import-{Year}-{number:D6}", number % 5 == 0 ? "村企共建：签约一笔，培训一批。" : null);
    }

    /// <summary>
    /// A committed batch of <paramref name="entries"/> entries: mostly reports; of every sixteen, one approval of a
    /// report, one research visit and one pairing's start.
    /// </summary>
    public static CommittedBatch Batch(long batchId, int entries)
    {
        var committed = new CommittedEntry[entries];
        for (var i = 0; i < entries; i++)
        {
            var number = (int)(batchId + i) % 2_000;
            var date = new DateOnly(Year, 1 + number % 12, 1 + number % 28);
            var entry = (i % 16) switch
            {
                7 => Approval(number, date),
                11 => Visit(number, date),
                15 => PairingStart(number, date),
                _ => ReportEntry(number, date),
            };
            committed[i] = new CommittedEntry(batchId + i, entry);
        }

        return new CommittedBatch(batchId, batchId + entries - 1, committed);
    }

    /// <summary>The city's totals after a busy year and a quieter one before it: the roll-up behind the city board.</summary>
    public static RollupTotals CityTotals()
    {
        var totals = new RollupTotals();
        var city = Scopes.Locality(LocalityCodes.Bijie);
        long batchId = 1;
        for (var year = Year - 1; year <= Year; year++)
        {
            for (var b = 0; b < (year == Year ? 40 : 30); b++, batchId += 256)
            {
                var batch = Batch(batchId, 256);
                foreach (var (scope, delta) in RollupDispatcher.Fold(batch with
                {
                    Entries = batch.Entries.Select(e => e with { Entry = InYear(e.Entry, year) }).ToArray(),
                }))
                {
                    if (scope == city)
                    {
                        totals.Add(delta);
                    }
                }
            }
        }

        // Projects at every stage of the library funnel, so the board's funnel and project figures are not empty.
        for (var p = 0; p < 180; p++)
        {
            var id = $"pj-{p:D4}";
            var proposed = (short)(Year - 2 + p % 3);
            totals.AddMember(Scopes.AllProjects, id, proposed, null, 1);
            totals.AddMember(Scopes.LiveProjects, id, proposed, null, 1);
            totals.AddMember(Indicators.LibraryProjects, id, proposed, proposed, 1);
            for (var stage = 0; stage <= p % Scopes.FunnelStages.Count; stage++)
            {
                totals.AddMember(Scopes.Stage(Scopes.FunnelStages[stage]), id, proposed, null, 1);
            }

            if (p % 5 >= 2)
            {
                totals.AddMember(Indicators.ProjectsTotal, id, proposed, null, 1);
            }
        }

        // Units paired with townships, from the year before on.
        for (var u = 0; u < 120; u++)
        {
            totals.AddMember(Indicators.TownshipPairingUnits, $"unit-{u:D3}", Year - 1, null, 1);
            totals.AddMember(Indicators.TownshipPairingTownships, Villages[u * 13 % Villages.Count][..9], Year - 1, null, 1);
        }

        return totals;
    }

    private static LedgerEntry InYear(LedgerEntry entry, int year) => entry with
    {
        OccurredOn = new DateOnly(year, entry.OccurredOn.Month, entry.OccurredOn.Day),
        Lines = entry.Lines.Select(l => l with { Year = (short)year }).ToArray(),
    };

    private static LedgerEntry ReportEntry(int number, DateOnly date)
    {
        var pairing = Pairing(number);
        var report = Report(number, date);
        var lines = report.Values.Select(v => new LedgerLine(v.Key, (short)date.Year, (short)date.Month, null, null, v.Value, pairing.Scopes)).ToArray();
        return new LedgerEntry(
            Guid.NewGuid(), EntryKind.Report, "key-ent-0001", report.IdempotencyKey, new byte[32], pairing.Id, null, date,
            new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "key-ent-0001", false, null, null, lines);
    }

    /// <summary>The office's approval of the report: its value lines again under the reviewed names.</summary>
    private static LedgerEntry Approval(int number, DateOnly date)
    {
        var report = ReportEntry(number, date);
        return report with
        {
            EntryId = Guid.NewGuid(),
            Kind = EntryKind.Review,
            Lines = report.Lines.Select(l => l with { Indicator = Indicators.Reviewed(l.Indicator) }).ToArray(),
        };
    }

    /// <summary>A research visit to the pairing's village by a national committee: one batch, its person-times.</summary>
    private static LedgerEntry Visit(int number, DateOnly date)
    {
        var village = Pairing(number).Village;
        IReadOnlyList<string> scopes = LocalityCodes.Lineage(village).Select(Scopes.Locality)
            .Append(Scopes.Track(Track.Regional)).Append(Scopes.Helper("nongong-central")).ToArray();
        var (year, month) = ((short)date.Year, (short)date.Month);
        return new LedgerEntry(
            Guid.NewGuid(), EntryKind.Report, "visit", $"visit-{number:D6}", new byte[32], $"visit-{number:D6}", null, date,
            new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "key-helper-0001", false, null, null,
            [
                new LedgerLine(Indicators.ResearchVisitBatches, year, month, null, null, 1, scopes),
                new LedgerLine(Indicators.ResearchVisitPersonTimes, year, month, null, null, 8 + number % 20, scopes),
            ]);
    }

    private static LedgerEntry PairingStart(int number, DateOnly date)
    {
        var pairing = Pairing(number);
        var year = (short)date.Year;
        LedgerLine Member(string indicator, string member) => new(indicator, year, null, null, member, 1, pairing.Scopes);
        return new LedgerEntry(
            Guid.NewGuid(), EntryKind.SubjectChange, "subject", $"{pairing.Id}:1", new byte[32], pairing.Id, 1, date,
            new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "office", false, null, null,
            [
                Member(Scopes.AllPairings, pairing.Id),
                Member(Scopes.ActivePairings, pairing.Id),
                Member(Indicators.EnterprisePairingEnterprises, pairing.CreditCode),
                Member(Indicators.EnterprisePairingVillages, pairing.Village),
            ]);
    }
}
