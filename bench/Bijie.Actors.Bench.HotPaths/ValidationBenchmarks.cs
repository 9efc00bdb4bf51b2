using BenchmarkDotNet.Attributes;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Localities;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Bench.HotPaths;

/// <summary>The checks every request passes before it reaches a grain's state: credit codes, division codes, reports.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly DateOnly today = new(SampleProgramme.Year, 12, 31);
    private string creditCode = "";
    private string wrongCheckCharacter = "";
    private string village = "";
    private Division division = null!;
    private ReportSubmission report = null!;
    private ActorRef reporter = null!;
    private IReadOnlyList<string> scopes = [];
    private Dictionary<string, decimal> checkedValues = [];

    [GlobalSetup]
    public void Setup()
    {
        var pairing = SampleProgramme.Pairing(43);
        creditCode = pairing.CreditCode;
        var wrong = creditCode[17] == '0' ? '1' : '0';
        wrongCheckCharacter = creditCode[..17] + wrong;
        village = pairing.Village;
        division = DivisionCatalog.Bijie.Get(village);
        report = SampleProgramme.Report(43, new DateOnly(SampleProgramme.Year, 6, 18));
        reporter = SampleProgramme.Enterprise(creditCode);
        scopes = pairing.Scopes;
        checkedValues = ReportChecks.Check(report, today).Values;
    }

    /// <summary>GB 32100: a valid code (alphabet, authority, division digits, check character).</summary>
    [Benchmark]
    public bool CreditCodeValid() => CreditCodes.IsValid(creditCode);

    /// <summary>GB 32100: a code whose check character is wrong, with the message the API answers.</summary>
    [Benchmark]
    public string? CreditCodeWrongCheckCharacter() => CreditCodes.Problem(wrongCheckCharacter);

    /// <summary>GB/T 2260: the level a 12-digit village code names (what picks the locality grain).</summary>
    [Benchmark]
    public LocalityLevel? DivisionLevel() => LocalityCodes.LevelOf(village);

    /// <summary>GB/T 2260: whether a village code is one of Bijie's (the catalogue's frozen lookup).</summary>
    [Benchmark]
    public bool DivisionLookup() => DivisionCatalog.Bijie.TryGet(village, out _);

    /// <summary>GB/T 2260: a village as the locality grain answers it (lineage and children named).</summary>
    [Benchmark]
    public LocalityInfo DivisionDescribe() => DivisionCatalog.Bijie.Describe(division);

    /// <summary>A report's checks before its subject is asked: key, subject, values against the catalogue, date, note.</summary>
    [Benchmark]
    public int ReportCheck() => ReportChecks.Check(report, today).Values.Count;

    /// <summary>A checked report's ledger entry: its canonical JSON body, SHA-256 of it and its value lines.</summary>
    [Benchmark]
    public LedgerEntry ReportEntry() =>
        ReportChecks.Entry(report, report.PairingId!, checkedValues, scopes, reporter, onBehalf: false, DateTimeOffset.UnixEpoch);
}
