using System.Text.Json;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>
/// Visits and expert service batches as ledger entries: checked like reports, counted in every place they went
/// to (and the levels above it), in the helpers' and the track's figures, and taken back by a reversal.
/// </summary>
internal static class EngagementEntries
{
    private static readonly DateOnly Earliest = new(1988, 6, 9);

    /// <summary>Checks the places (each a known locality of Bijie) and returns the roll-up scopes they count in.</summary>
    public static async Task<IReadOnlyList<string>> PlaceScopesAsync(IGrainFactory grains, IReadOnlyList<string>? places)
    {
        if (places is null || places.Count == 0 || places.Count > EngagementRules.MaxPlaces)
        {
            throw DomainException.Invalid("engagement.places", $"Name 1 to {EngagementRules.MaxPlaces} places (division codes of Bijie).", "places");
        }

        for (var i = 0; i < places.Count; i++)
        {
            try
            {
                await grains.GetLocality(places[i] ?? "").GetAsync();
            }
            catch (DomainException e) when (e.Kind is DomainErrorKind.NotFound or DomainErrorKind.Invalid)
            {
                throw DomainException.Invalid(e.Code, e.Message, $"places[{i}]");
            }
        }

        return places.Distinct().SelectMany(LocalityCodes.Lineage).Distinct().Select(Scopes.Locality).ToArray();
    }

    /// <summary>Checks a span of days: not in the future, not before the pilot zone, at most a year long.</summary>
    public static void CheckDates(DateOnly from, DateOnly to, DateOnly today)
    {
        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            throw DomainException.Invalid("engagement.dates", "'to' falls on or after 'from', at most a year later.", "to");
        }

        if (to > today)
        {
            throw DomainException.Invalid("engagement.date_in_future", $"It ends after today ({today:yyyy-MM-dd}, Asia/Shanghai); record it once it has happened.", "to");
        }

        if (from < Earliest)
        {
            throw DomainException.Invalid("engagement.date_before_start", "Nothing is recorded before the pilot zone's approval (1988-06-09).", "from");
        }
    }

    public static void CheckText(string? text, int max, string code, string field, bool required = true)
    {
        if ((required && string.IsNullOrWhiteSpace(text)) || text is { Length: var n } && n > max || text is not null && text.Any(char.IsControl))
        {
            throw DomainException.Invalid(code, $"'{field}' is {(required ? "required, " : "")}at most {max} characters, no control characters.", field);
        }
    }

    public static void CheckPersonTimes(int personTimes, int people)
    {
        if (personTimes < Math.Max(1, people) || personTimes > EngagementRules.MaxPersonTimes)
        {
            throw DomainException.Invalid("engagement.person_times", $"personTimes is at least 1 and at least one per person named, at most {EngagementRules.MaxPersonTimes:N0}.", "personTimes");
        }
    }

    /// <summary>The entry counting one batch and its person-times, dated by its first day.</summary>
    public static LedgerEntry Entry(
        string idempotencyScope, string key, string subjectId, object body, string batchesIndicator, string personTimesIndicator,
        int personTimes, DateOnly from, IReadOnlyList<string> scopes, ActorRef actor, DateTimeOffset now)
    {
        var json = JsonSerializer.Serialize(body, Subjects.SubjectGrain<object>.Json);
        var year = (short)from.Year;
        var month = (short)from.Month;
        return LedgerEntry.Report(idempotencyScope, key, subjectId, from, now, actor.Id, actor.ManagesEverything, json,
            [new LedgerLine(batchesIndicator, year, month, null, null, 1, scopes), new LedgerLine(personTimesIndicator, year, month, null, null, personTimes, scopes)]);
    }

    /// <summary>Reverses an entry once (the reversal's key is the entry's id); a retry finds the reversal it made.</summary>
    public static async Task ReverseAsync(ILedger ledger, StoredEntry original, string? reason, ActorRef actor, DateTimeOffset now)
    {
        CheckText(reason, 500, "reversal.reason", "reason");
        var result = await LedgerEntries.AppendAsync(ledger, await LedgerEntries.ReversalAsync(ledger, original, reason!.Trim(), actor, now), "retry");
        if (result.Outcome == AppendOutcome.KeyReused)
        {
            throw DomainException.Conflict("engagement.already_withdrawn", "It was withdrawn already.");
        }
    }

    /// <summary>In a request an unknown reference is bad input (400) naming the field, not a missing resource.</summary>
    public static async Task<T> InBodyAsync<T>(Func<Task<T>> call, string field)
    {
        try
        {
            return await call();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, field);
        }
    }

    /// <summary>The entry's body, as recorded.</summary>
    public static T Body<T>(LedgerEntry entry) => JsonSerializer.Deserialize<T>(entry.Body!, Subjects.SubjectGrain<object>.Json)!;
}
