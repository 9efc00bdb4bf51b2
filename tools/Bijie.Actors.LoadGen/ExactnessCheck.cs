using System.Diagnostics;
using Bijie.Actors.Client;

namespace Bijie.Actors.LoadGen;

/// <summary>A board's figure next to the ledger's own sum for the same locality, indicator and year.</summary>
public sealed record BoardComparison(string Code, string Name, decimal Board, decimal Ledger)
{
    public bool Equal => Board == Ledger;
}

/// <summary>
/// The verdict: every acknowledged report is in the ledger once with the values sent; no more reports of the run
/// stand than could have been committed unacknowledged; every board equals the ledger's sums; every pairing the run
/// reported on is listed, active, on both of its sides (its organisation's and its locality's).
/// </summary>
public sealed record ExactnessResult(
    bool Passed,
    long Acknowledged,
    long Missing,
    long WrongValues,
    long Duplicated,
    long Unacknowledged,
    long InDoubt,
    IReadOnlyList<BoardComparison> Boards,
    long PairingsChecked,
    long PairingsInconsistent,
    IReadOnlyList<string> Problems,
    long RefusedStanding = 0,
    long InDoubtStanding = 0);

/// <summary>
/// Checks the run against the ledger as the office's export reads it (the ledger in PostgreSQL, not the roll-ups),
/// and the city's and counties' boards (the roll-up grains) against the ledger's sums, as RollupTests does with the
/// ledger's SumAllAsync in-process.
/// </summary>
/// <summary>What the run sent, for the history check: its id (in every report's note), how many reports, which were refused for good, which given up on.</summary>
public sealed record RunHistory(string RunId, long Sent, IReadOnlySet<long> Refused, IReadOnlySet<long> InDoubt);

public sealed class ExactnessCheck(BijieClient admin, string indicator, int year)
{

    /// <summary>The reports standing before the run, so that only the run's own count as the run's.</summary>
    public async Task<IReadOnlySet<Guid>> SnapshotAsync(CancellationToken cancellationToken) =>
        (await admin.ExportReportLinesAsync(Localities.City, year, cancellationToken)).Select(l => l.ReportId).ToHashSet();

    public async Task<ExactnessResult> RunAsync(
        IReadOnlyList<Acknowledgement> acknowledged, IReadOnlySet<Guid> before, long inDoubt, TimeSpan within, CancellationToken cancellationToken,
        IReadOnlyList<Organization>? organizations = null, RunHistory? history = null)
    {
        var problems = new List<string>();
        var city = await admin.ExportReportLinesAsync(Localities.City, year, cancellationToken);
        var lines = city.ToLookup(l => l.ReportId);
        long missing = 0, wrong = 0, duplicated = 0;
        foreach (var ack in acknowledged)
        {
            var of = lines[ack.ReportId].ToArray();
            var values = of.Where(l => l.Indicator == indicator).ToArray();
            if (of.Length == 0)
            {
                missing++;
                Note(problems, $"report {ack.ReportId} (#{ack.Sequence}) was acknowledged but is not in the ledger");
            }
            else if (values.Length > 1)
            {
                duplicated++;
                Note(problems, $"report {ack.ReportId} has {values.Length} lines of {indicator}");
            }
            else if (of.Length != 1 || values.Length != 1 || values[0].Value != ack.Value || values[0].SubjectId != ack.PairingId)
            {
                wrong++;
                Note(problems, $"report {ack.ReportId} stands as {string.Join(", ", of.Select(l => $"{l.SubjectId} {l.Indicator}={l.Value}"))}, sent {ack.PairingId} {indicator}={ack.Value}");
            }
        }

        // A report counted twice would be a second entry made by the run's keys that no acknowledgement names. Only
        // reports given up on (never acknowledged, perhaps committed) may account for such entries.
        var acknowledgedIds = acknowledged.Select(a => a.ReportId).ToHashSet();
        var reporters = acknowledged.SelectMany(a => lines[a.ReportId]).Select(l => l.ReportedBy).ToHashSet(StringComparer.Ordinal);
        var unacknowledged = lines.Count(g => !before.Contains(g.Key) && !acknowledgedIds.Contains(g.Key) && g.Any(l => reporters.Contains(l.ReportedBy)));
        if (unacknowledged > inDoubt)
        {
            Note(problems, $"{unacknowledged} reports by the run's keys stand that were not acknowledged; at most {inDoubt} were in doubt");
        }

        var (refusedStanding, inDoubtStanding) = history is null ? (0L, 0L) : CheckHistory(history, acknowledged, city, problems);
        var boards = await CompareBoardsAsync(city, within, cancellationToken);
        foreach (var b in boards.Where(b => !b.Equal))
        {
            Note(problems, $"board {b.Code} {b.Name} shows {indicator} = {b.Board}, the ledger sums {b.Ledger}");
        }

        var (checkedPairings, inconsistent) = await ComparePairingSidesAsync(organizations ?? [], problems, cancellationToken);
        return new ExactnessResult(problems.Count == 0 && inconsistent == 0, acknowledged.Count, missing, wrong, duplicated, unacknowledged, inDoubt, boards,
            checkedPairings, inconsistent, problems, refusedStanding, inDoubtStanding);
    }

    /// <summary>
    /// Report by report, from the notes the run's reports carry (<see cref="LoadRunner.NoteOf"/>): each acknowledged one
    /// stands once and as the report its acknowledgement named; none refused for good stands; each given up on stands
    /// at most once; nothing stands under a sequence the run never sent.
    /// </summary>
    public static (long RefusedStanding, long InDoubtStanding) CheckHistory(
        RunHistory history, IReadOnlyList<Acknowledgement> acknowledged, IReadOnlyList<ReportLine> lines, List<string> problems)
    {
        var prefix = LoadRunner.NoteOf(history.RunId, 0)[..^1];
        var bySequence = lines.Where(l => l.Note is { } n && n.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(l => long.Parse(l.Note![prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Select(l => l.ReportId).Distinct().ToArray());
        foreach (var ack in acknowledged)
        {
            var standing = bySequence.GetValueOrDefault(ack.Sequence) ?? [];
            if (standing.Length != 1 || standing[0] != ack.ReportId)
            {
                Note(problems, $"report #{ack.Sequence} was acknowledged as {ack.ReportId}; the ledger holds {(standing.Length == 0 ? "none" : string.Join(", ", standing))} under it");
            }
        }

        long refusedStanding = 0, inDoubtStanding = 0;
        foreach (var (sequence, standing) in bySequence)
        {
            if (history.Refused.Contains(sequence))
            {
                refusedStanding++;
                Note(problems, $"report #{sequence} was refused for good but stands in the ledger as {string.Join(", ", standing)}");
            }
            else if (history.InDoubt.Contains(sequence))
            {
                inDoubtStanding++;
                if (standing.Length > 1)
                {
                    Note(problems, $"report #{sequence}, given up on, stands {standing.Length} times");
                }
            }
            else if (sequence < 0 || sequence >= history.Sent)
            {
                Note(problems, $"a report #{sequence} stands that the run never sent");
            }
        }

        return (refusedStanding, inDoubtStanding);
    }

    /// <summary>
    /// Both sides of each pairing name it: the listing of its organisation (enterprise or helper) and the listing of
    /// its locality hold it as active, as the pairing itself says it is. Both listings are built from the roll-ups of
    /// the pairing's own ledger entries, so a fault that lost or doubled an entry would show here.
    /// </summary>
    private async Task<(long Checked, long Inconsistent)> ComparePairingSidesAsync(
        IReadOnlyList<Organization> organizations, List<string> problems, CancellationToken cancellationToken)
    {
        long count = 0, inconsistent = 0;
        foreach (var organization in organizations)
        {
            var owner = organization.Role == "Enterprise" ? new PairingFilter(Enterprise: organization.Id, Status: "active") : new PairingFilter(Helper: organization.Id, Status: "active");
            var listed = await IdsAsync(owner, cancellationToken);
            foreach (var id in organization.PairingIds)
            {
                count++;
                var pairing = await admin.GetPairingAsync(id, cancellationToken);
                var atLocality = await IdsAsync(new PairingFilter(Locality: pairing.LocalityCode, Status: "active"), cancellationToken);
                if (pairing.Status != "active" || !listed.Contains(id) || !atLocality.Contains(id))
                {
                    inconsistent++;
                    Note(problems, $"pairing {id} ({pairing.Status}) is {(listed.Contains(id) ? "" : "not ")}listed by {organization.Id} and " +
                        $"{(atLocality.Contains(id) ? "" : "not ")}by {pairing.LocalityCode}");
                }
            }
        }

        return (count, inconsistent);
    }

    private async Task<HashSet<string>> IdsAsync(PairingFilter filter, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var p in admin.ListAllPairingsAsync(filter, cancellationToken))
        {
            ids.Add(p.Id);
        }

        return ids;
    }

    /// <summary>
    /// The city and each county: the board against the ledger's sum. The boards follow the ledger within a flush or
    /// two, so a difference is read again until <paramref name="within"/> has passed before it counts.
    /// </summary>
    private async Task<IReadOnlyList<BoardComparison>> CompareBoardsAsync(IReadOnlyList<ReportLine> city, TimeSpan within, CancellationToken cancellationToken)
    {
        var localities = (await Localities.CountiesAsync(admin, cancellationToken)).Prepend((Localities.City, Localities.CityName)).ToArray();
        var clock = Stopwatch.StartNew();
        var results = new List<BoardComparison>();
        IReadOnlyList<ReportLine>? alreadyRead = city;
        foreach (var (code, name) in localities)
        {
            while (true)
            {
                var ledger = code == Localities.City && alreadyRead is not null ? alreadyRead : await admin.ExportReportLinesAsync(code, year, cancellationToken);
                alreadyRead = null; // a second look reads the ledger afresh
                var board = (await admin.GetBoardAsync(code, year, cancellationToken)).Indicators.TryGetValue(indicator, out var figure) ? figure.Value : 0;
                var comparison = new BoardComparison(code, name, board, ledger.Where(l => l.Indicator == indicator).Sum(l => l.Value));
                if (comparison.Equal || clock.Elapsed > within)
                {
                    results.Add(comparison);
                    break;
                }

                await Task.Delay(500, cancellationToken);
            }
        }

        return results;
    }

    /// <summary>Keeps the first problems of each run readable; the counts say how many there were.</summary>
    private static void Note(List<string> problems, string problem)
    {
        if (problems.Count < 20)
        {
            problems.Add(problem);
        }
    }
}
