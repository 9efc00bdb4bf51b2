using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Ledger.Verification;
using Npgsql;

namespace Bijie.Actors.Verify;

/// <summary>
/// bijie-verify [--connection CS] [--digest POSITION:HASH]...: recomputes the ledger's chain from a running store or
/// a restored backup, checks every row derived from it, and names the first entry that does not match. Exit code 0
/// when intact, 1 when something does not match, 2 when it could not run.
/// </summary>
public static class VerifyCommand
{
    public const string Usage = "usage: bijie-verify [--connection \"<PostgreSQL connection string>\"] [--digest POSITION:HASH]...";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger");
        var digests = new List<LedgerDigest>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Length:
                    connection = args[++i];
                    break;
                case "--digest" when i + 1 < args.Length:
                    if (!LedgerDigest.TryParse(args[++i], out var digest))
                    {
                        await error.WriteLineAsync($"bijie-verify: '{args[i]}' is not a digest: write POSITION:HASH, the hash as 64 hexadecimal digits");
                        return 2;
                    }

                    digests.Add(digest!);
                    break;
                default:
                    await error.WriteLineAsync($"bijie-verify: unknown argument '{args[i]}'");
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            await error.WriteLineAsync("bijie-verify: no ledger to read: give --connection or set ConnectionStrings__Ledger");
            return 2;
        }

        try
        {
            await using var db = NpgsqlDataSource.Create(connection);
            var verifier = new LedgerVerifier(db) { SnapshotReader = ReadSnapshot };
            var result = await verifier.VerifyAsync(digests, cancellationToken);
            await output.WriteLineAsync(
                $"verify: {result.Entries} entries, {result.Chained} chained from position {result.ChainFrom}; head {result.Head}:{Convert.ToHexStringLower(result.HeadHash)}");
            await output.WriteLineAsync($"verify: checked {result.Subjects} subject heads, {result.Snapshots} roll-up snapshots, {result.Digests} digests");
            foreach (var finding in result.Findings)
            {
                await output.WriteLineAsync($"MISMATCH {finding.Code}{(finding.Position is { } p ? " at " + p : "")}: {finding.Message}");
            }

            await output.WriteLineAsync(result.Intact
                ? "verify: intact"
                : $"verify: NOT intact: {result.Findings.Count} finding(s); the first is at {result.Findings.FirstOrDefault(f => f.Position is not null)?.Position?.ToString() ?? "a derived row"}");
            return result.Intact ? 0 : 1;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            await error.WriteLineAsync($"bijie-verify: could not read the ledger: {e.Message}");
            return 2;
        }
    }

    private static SnapshotFigures ReadSnapshot(byte[] state)
    {
        var snapshot = ScopeSnapshot.Unpack(state);
        return new SnapshotFigures(
            snapshot.Head,
            snapshot.Sums.Select(s => (s.Indicator, s.Year, s.Month, s.Value)).ToArray(),
            snapshot.Members.Select(m => (m.Indicator, m.Member, m.Year, m.YearTo, m.Count)).ToArray());
    }
}
