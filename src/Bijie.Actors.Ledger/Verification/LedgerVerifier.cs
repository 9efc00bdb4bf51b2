using Npgsql;

namespace Bijie.Actors.Ledger.Verification;

/// <summary>
/// Recomputes the ledger's hash chain from its rows and checks every row derived from the entries against them:
/// lines that belong to no entry, the subjects' heads, the roll-ups' snapshots, and the digests (the store's own
/// and any kept outside). Reads only; a running store or a restored backup.
/// </summary>
public sealed class LedgerVerifier(NpgsqlDataSource db)
{
    private const int Page = 5000;

    /// <summary>Reads a roll-up snapshot's figures; without it, snapshots are counted and not checked.</summary>
    public Func<byte[], SnapshotFigures>? SnapshotReader { get; init; }

    /// <summary>Stops after this many findings (the first one is what matters; the rest show how far it goes).</summary>
    public int MaxFindings { get; init; } = 50;

    public async Task<LedgerVerification> VerifyAsync(IReadOnlyCollection<LedgerDigest> outsideDigests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outsideDigests);
        var findings = new List<VerificationFinding>();
        void Find(string code, long? position, string message)
        {
            if (findings.Count < MaxFindings)
            {
                findings.Add(new VerificationFinding(code, position, message));
            }
        }

        var (headPosition, headHash, chainFrom) = await ReadHeadAsync(cancellationToken);
        var storedDigests = await LedgerDigestWriter.ReadAsync(db, int.MaxValue, cancellationToken);
        var digests = storedDigests.Select(d => (Digest: d, Source: "stored")).Concat(outsideDigests.Select(d => (Digest: d, Source: "given"))).ToList();

        // The chain, page by page in position order. Each entry is checked against the hash stored before it, so one
        // changed row is named once instead of breaking every entry after it.
        var previous = EntryChain.Genesis;
        long entries = 0, lines = 0, chained = 0, last = 0;
        // At each digest's position: the hash of the last chained entry at or below it, and the entries and lines
        // through it, counted on the walk that reads them all anyway.
        var digestPositions = new Queue<long>(digests.Select(d => d.Digest.Position).Distinct().Order());
        var hashAt = new Dictionary<long, byte[]>();
        var countsAt = new Dictionary<long, (long Entries, long Lines)>();
        await foreach (var (position, entry, stored) in ReadEntriesAsync(cancellationToken))
        {
            while (digestPositions.TryPeek(out var at) && at < position)
            {
                hashAt[at] = previous;
                countsAt[digestPositions.Dequeue()] = (entries, lines);
            }

            entries++;
            lines += entry.Lines.Count;
            last = position;
            if (position < chainFrom)
            {
                continue;
            }

            if (stored is null)
            {
                Find("entry-unhashed", position, $"entry at position {position} ({entry.EntryId}) carries no hash although the chain covers it");
                continue;
            }

            chained++;
            var expected = EntryChain.Hash(previous, position, entry);
            if (!expected.AsSpan().SequenceEqual(stored))
            {
                Find("entry-changed", position,
                    $"entry at position {position} ({entry.EntryId}, {entry.Kind} of {entry.SubjectId}) does not match its hash: its fields, body or lines " +
                    "were changed, or an entry before it was removed or added");
            }

            previous = stored;
        }

        while (digestPositions.TryDequeue(out var at))
        {
            hashAt[at] = previous;
            countsAt[at] = (entries, lines);
        }

        var tail = chained == 0 ? EntryChain.Genesis : previous;
        if (chained > 0 && (headHash is null || !headHash.AsSpan().SequenceEqual(tail)))
        {
            Find("head-mismatch", last, $"the head's hash does not match the last entry (position {last}): entries at the end were removed or changed");
        }

        if (last > headPosition)
        {
            Find("beyond-head", last, $"an entry at position {last} lies beyond the head at {headPosition}");
        }

        foreach (var (digest, source) in digests)
        {
            CheckDigest(digest, source, hashAt, chainFrom, Find);
        }

        foreach (var (digest, _) in digests.Where(d => d.Digest.Entries is not null))
        {
            var (entriesThen, linesThen) = countsAt[digest.Position];
            if (entriesThen != digest.Entries || (digest.Lines is { } l && linesThen != l))
            {
                Find("digest-counts", digest.Position,
                    $"the digest{(digest.Day is { } day ? " of " + day.ToString("yyyy-MM-dd") : "")} counted {digest.Entries} entries and " +
                    $"{digest.Lines} lines through position {digest.Position}; the ledger now holds {entriesThen} and {linesThen}");
            }
        }

        await foreach (var (position, line, message) in StrayLinesAsync(cancellationToken))
        {
            Find("line-stray", position, $"line {line} at position {position} {message}");
        }

        var subjects = 0;
        await foreach (var (subject, message) in CheckSubjectsAsync(cancellationToken))
        {
            subjects++;
            if (message is not null)
            {
                Find("subject-mismatch", null, $"subject {subject}: {message}");
            }
        }

        var snapshots = 0;
        await foreach (var (scope, message) in CheckSnapshotsAsync(cancellationToken))
        {
            snapshots++;
            if (message is not null)
            {
                Find("snapshot-mismatch", null, $"snapshot of {scope}: {message}");
            }
        }

        return new LedgerVerification(entries, chained, chainFrom, headPosition, headHash ?? EntryChain.Genesis, subjects, SnapshotReader is null ? 0 : snapshots,
            digests.Count, findings);
    }

    private static void CheckDigest(LedgerDigest digest, string source, Dictionary<long, byte[]> hashAt, long chainFrom, Action<string, long?, string> find)
    {
        // A digest taken before the chain began says nothing the chain can confirm.
        var at = hashAt[digest.Position];
        if (digest.Position >= chainFrom - 1 && !at.AsSpan().SequenceEqual(digest.Hash))
        {
            find("digest-mismatch", digest.Position,
                $"the {source} digest{(digest.Day is { } day ? " of " + day.ToString("yyyy-MM-dd") : "")} says the chain stood at {Convert.ToHexStringLower(digest.Hash)} " +
                $"at position {digest.Position}; the ledger now gives {Convert.ToHexStringLower(at)}");
        }
    }

    private async Task<(long Position, byte[]? Hash, long ChainFrom)> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT position, hash, coalesce(chain_from, 1) FROM ledger_head WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("the store holds no ledger head: is this a Bijie.Actors ledger database?");
        }

        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader[1], reader.GetInt64(2));
    }

    private async IAsyncEnumerable<(long Position, LedgerEntry Entry, byte[]? Hash)> ReadEntriesAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var page = new List<(long Position, LedgerEntry Entry, byte[]? Hash)>(Page);
            await using (var command = db.CreateCommand("""
                SELECT position, entry_id, kind, idem_scope, idem_key, request_hash, subject_id, subject_version, occurred_on, recorded_at,
                       actor, on_behalf, reverses, body, hash
                FROM ledger_entries WHERE position > @after ORDER BY position LIMIT @page
                """))
            {
                command.Parameters.AddWithValue("after", after);
                command.Parameters.AddWithValue("page", Page);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var entry = new LedgerEntry(
                        reader.GetGuid(1), (EntryKind)reader.GetInt16(2), reader.GetString(3), reader.GetString(4), (byte[])reader[5], reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetFieldValue<DateOnly>(8), reader.GetFieldValue<DateTimeOffset>(9),
                        reader.GetString(10), reader.GetBoolean(11), reader.IsDBNull(12) ? null : reader.GetGuid(12), reader.IsDBNull(13) ? null : reader.GetString(13), []);
                    page.Add((reader.GetInt64(0), entry, reader.IsDBNull(14) ? null : (byte[])reader[14]));
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            var lines = await ReadLinesAsync(after, page[^1].Position, cancellationToken);
            foreach (var (position, entry, hash) in page)
            {
                yield return (position, entry with { Lines = lines.TryGetValue(position, out var own) ? own : [] }, hash);
            }

            after = page[^1].Position;
        }
    }

    private async Task<Dictionary<long, List<LedgerLine>>> ReadLinesAsync(long after, long through, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<long, List<LedgerLine>>();
        await using var command = db.CreateCommand("""
            SELECT position, indicator, year, month, year_to, member, value, scopes FROM ledger_lines
            WHERE position > @after AND position <= @through ORDER BY position, line
            """);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("through", through);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var position = reader.GetInt64(0);
            if (!lines.TryGetValue(position, out var own))
            {
                lines[position] = own = [];
            }

            own.Add(new LedgerLine(reader.GetString(1), reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetInt16(3),
                reader.IsDBNull(4) ? null : reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetDecimal(6),
                reader.GetFieldValue<string[]>(7)));
        }

        return lines;
    }

    private async IAsyncEnumerable<(long Position, short Line, string Message)> StrayLinesAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Lines are part of their entry's hash; a line under no entry, or filed under another batch than its entry
        // (roll-ups leave batches out by id when they activate), would still change what a board sums.
        await using var command = db.CreateCommand("""
            SELECT l.position, l.line, CASE WHEN e.position IS NULL THEN 'belongs to no entry' ELSE 'is filed under batch ' || l.batch_id || ', its entry under ' || e.batch_id END
            FROM ledger_lines l LEFT JOIN ledger_entries e ON e.position = l.position
            WHERE e.position IS NULL OR e.batch_id <> l.batch_id
            ORDER BY l.position, l.line LIMIT 100
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetInt64(0), reader.GetInt16(1), reader.GetString(2));
        }
    }

    private async IAsyncEnumerable<(string Subject, string? Message)> CheckSubjectsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each subject's head is its newest change: the same version, position and body as that entry.
        await using var command = db.CreateCommand("""
            WITH newest AS (
              SELECT DISTINCT ON (subject_id) subject_id, subject_version, position, body FROM ledger_entries
              WHERE kind = 3 AND subject_version IS NOT NULL AND body IS NOT NULL
              ORDER BY subject_id, subject_version DESC, position DESC)
            SELECT coalesce(s.subject_id, n.subject_id),
                   CASE
                     WHEN s.subject_id IS NULL THEN 'has changes in the ledger (newest version ' || n.subject_version || ') but no head'
                     WHEN n.subject_id IS NULL THEN 'has a head (version ' || s.version || ') but no change in the ledger'
                     WHEN s.version <> n.subject_version OR s.position <> n.position THEN
                       'head says version ' || s.version || ' at position ' || s.position || '; its newest change is version ' || n.subject_version || ' at position ' || n.position
                     WHEN s.body <> n.body THEN 'head''s body differs from its newest change (version ' || n.subject_version || ')'
                   END
            FROM ledger_subjects s FULL JOIN newest n ON n.subject_id = s.subject_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }
    }

    private async IAsyncEnumerable<(string Scope, string? Message)> CheckSnapshotsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (SnapshotReader is null)
        {
            yield break;
        }

        var snapshots = new List<(string Scope, long Head, long[] Applied, byte[] State)>();
        await using (var command = db.CreateCommand("SELECT scope, head, coalesce(applied, '{}'), state FROM scope_snapshots ORDER BY scope"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                snapshots.Add((reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<long[]>(2), (byte[])reader[3]));
            }
        }

        foreach (var (scope, head, applied, state) in snapshots)
        {
            SnapshotFigures figures;
            string? unreadable = null;
            try
            {
                figures = SnapshotReader(state);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException)
            {
                figures = new SnapshotFigures(head, [], []);
                unreadable = "its state cannot be read (" + e.Message + ")";
            }

            yield return (scope, unreadable ?? await CompareSnapshotAsync(scope, head, applied, figures, cancellationToken));
        }
    }

    private async Task<string?> CompareSnapshotAsync(string scope, long head, long[] applied, SnapshotFigures figures, CancellationToken cancellationToken)
    {
        if (figures.Head != head)
        {
            return $"its row says head {head}, its state {figures.Head}";
        }

        var sums = new Dictionary<(string, short, short), decimal>();
        var members = new Dictionary<(string, string, short, short?), int>();
        await using (var command = db.CreateCommand("""
            SELECT indicator, year, coalesce(month, 0), member, year_to, sum(value) FROM ledger_lines
            WHERE scopes @> ARRAY[@scope] AND (position <= @head OR batch_id = ANY(@applied))
            GROUP BY indicator, year, coalesce(month, 0), member, year_to
            """))
        {
            command.Parameters.AddWithValue("scope", scope);
            command.Parameters.AddWithValue("head", head);
            command.Parameters.AddWithValue("applied", applied);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var value = reader.GetDecimal(5);
                if (reader.IsDBNull(3))
                {
                    var key = (reader.GetString(0), reader.GetInt16(1), reader.GetInt16(2));
                    sums[key] = sums.GetValueOrDefault(key) + value;
                }
                else
                {
                    var key = (reader.GetString(0), reader.GetString(3), reader.GetInt16(1), reader.IsDBNull(4) ? null : (short?)reader.GetInt16(4));
                    members[key] = members.GetValueOrDefault(key) + (int)value;
                }
            }
        }

        foreach (var (indicator, year, month, value) in figures.Sums)
        {
            var ledger = sums.GetValueOrDefault((indicator, year, month));
            if (ledger != value)
            {
                return $"{indicator} {year}{(month == 0 ? "" : "-" + month.ToString("00"))} is {value} in the snapshot and {ledger} in the ledger through position {head}";
            }

            sums.Remove((indicator, year, month));
        }

        if (sums.FirstOrDefault(s => s.Value != 0) is { Key.Item1: not null } missing)
        {
            return $"{missing.Key.Item1} {missing.Key.Item2} sums to {missing.Value} in the ledger through position {head} and is missing from the snapshot";
        }

        foreach (var (indicator, member, year, yearTo, count) in figures.Members)
        {
            if (members.GetValueOrDefault((indicator, member, year, yearTo)) != count)
            {
                return $"member {member} of {indicator} from {year} is counted {count} times in the snapshot and {members.GetValueOrDefault((indicator, member, year, yearTo))} in the ledger";
            }

            members.Remove((indicator, member, year, yearTo));
        }

        members = members.Where(m => m.Value != 0).ToDictionary();
        return members.Count > 0 ? $"member {members.First().Key.Item2} of {members.First().Key.Item1} is in the ledger and missing from the snapshot" : null;
    }
}
