using System.Net.Http.Headers;

namespace Bijie.Actors.Fuzz;

/// <summary>
/// The state as the API shows it: listings, the fixtures one by one, boards, reports, keys, inboxes (without the
/// notices the clock sends: daily reminders, escalations, which no request makes). Two snapshots
/// are compared text for text; the entries marked <see cref="Entry.OtherTenant"/> are helper B's things, which no
/// request of the fuzz may change.
/// </summary>
internal sealed class Snapshots(HttpClient http, Fixtures f)
{
    public sealed record Entry(string Key, string Path, bool OtherTenant);

    private IEnumerable<Entry> Entries()
    {
        var y = f.Today.Year;
        // Not the webhook's deliveries log: its retries to the unreachable test address go on by themselves.
        string[] mine =
        [
            "/api/v1/helpers?size=200", "/api/v1/enterprises?size=200", "/api/v1/pairings?size=200", "/api/v1/projects?size=200", "/api/v1/needs", "/api/v1/matters",
            "/api/v1/webhooks", "/api/v1/api-keys", "/api/v1/expert-teams", "/api/v1/platforms", "/api/v1/history", $"/api/v1/periods?year={y}", $"/api/v1/periods?year={y - 1}",
            $"/api/v1/periods?year={y + 1}", $"/api/v1/visits?year={y}", $"/api/v1/boards/5205?year={y}", $"/api/v1/boards/5205?year={y - 1}", "/api/v1/boards/since-1988",
            $"/api/v1/boards/domains/health?year={y}", $"/api/v1/reviews?year={y}&size=200", "/api/v1/needs/summary", "/api/v1/supervision",
            $"/api/v1/helpers/{f.HelperA}", $"/api/v1/enterprises/{f.Enterprise}", $"/api/v1/pairings/{f.PairingA}", $"/api/v1/pairings/{f.PairingA2}", $"/api/v1/pairings/{f.PairingE}",
            $"/api/v1/projects/{f.ProjectA}", $"/api/v1/projects/{f.ProjectA}/history", $"/api/v1/projects/{f.ProjectA2}", $"/api/v1/matters/{f.MatterA}", $"/api/v1/needs/{f.Need}", $"/api/v1/visits/{f.VisitA}",
            $"/api/v1/expert-teams/{f.TeamA}", $"/api/v1/platforms/{f.Platform}", $"/api/v1/boards/helpers/{f.HelperA}?year={y}", $"/api/v1/boards/enterprises/{f.Enterprise}?year={y}",
            $"/api/v1/reports?pairing={f.PairingA}&year={y}&size=200", $"/api/v1/reports?pairing={f.PairingE}&year={y}&size=200", $"/api/v1/reports?project={f.ProjectA}&year={y}&size=200",
            $"/api/v1/boards/{f.TownshipA}?year={y}", $"/api/v1/boards/{f.TownshipNew}?year={y}", $"/api/v1/reports/{f.ReportA}",
        ];
        string[] theirs =
        [
            $"/api/v1/helpers/{f.HelperB}", $"/api/v1/pairings/{f.PairingB}", $"/api/v1/projects/{f.ProjectB}", $"/api/v1/projects/{f.ProjectB}/history", $"/api/v1/matters/{f.MatterB}",
            $"/api/v1/visits/{f.VisitB}", $"/api/v1/expert-teams/{f.TeamB}", $"/api/v1/boards/helpers/{f.HelperB}?year={y}", $"/api/v1/boards/{f.TownshipB}?year={y}",
            $"/api/v1/reports?pairing={f.PairingB}&year={y}&size=200", $"/api/v1/reports?project={f.ProjectB}&year={y}&size=200", $"/api/v1/reports/{f.ReportB}",
        ];
        foreach (var path in mine)
        {
            yield return new Entry($"admin {path}", path, false);
        }

        foreach (var path in theirs)
        {
            yield return new Entry($"admin {path}", path, true);
        }

        foreach (var key in new[] { "office", "helperA", "enterprise" })
        {
            yield return new Entry($"{key} /api/v1/inbox", "/api/v1/inbox", false);
        }

        yield return new Entry("helperB /api/v1/inbox", "/api/v1/inbox", true);
    }

    public async Task<Dictionary<Entry, string>> TakeAsync()
    {
        var snapshot = new Dictionary<Entry, string>();
        foreach (var entry in Entries())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, entry.Path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", f.Keys[entry.Key.Split(' ')[0]]);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            snapshot[entry] = $"{(int)response.StatusCode} {(entry.Path == "/api/v1/inbox" && response.IsSuccessStatusCode ? WithoutTheClocks(text) : text)}";
        }

        return snapshot;
    }

    /// <summary>Notifications the clock sends (daily reminders, escalations), whenever it ticks: no request made them.</summary>
    private static readonly HashSet<string> ClockKinds = ["supervision.update_needed", "approvals.waiting", "matter.overdue"];

    private static string WithoutTheClocks(string inbox)
    {
        var items = System.Text.Json.Nodes.JsonNode.Parse(inbox)?["items"]?.AsArray() ?? [];
        return new System.Text.Json.Nodes.JsonArray(items.Where(i => !ClockKinds.Contains((string?)i?["kind"] ?? "")).Select(i => i?.DeepClone()).ToArray()).ToJsonString();
    }

    public static IEnumerable<string> Compare(IEnumerable<KeyValuePair<Entry, string>> before, IEnumerable<KeyValuePair<Entry, string>> after, string when)
    {
        var then = before.ToDictionary(e => e.Key, e => e.Value);
        foreach (var (entry, now) in after)
        {
            if (then.TryGetValue(entry, out var was) && was != now)
            {
                // Whole, up to 20,000 characters each: a change seen once must be readable from the log alone.
                yield return $"{entry.Key} changed {when}: was {FuzzRunner.Shorten(was, 20_000)}; now {FuzzRunner.Shorten(now, 20_000)}";
            }
        }
    }
}
