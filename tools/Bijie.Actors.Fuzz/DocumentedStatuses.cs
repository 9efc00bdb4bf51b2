using System.Globalization;
using System.Text.Json.Nodes;

namespace Bijie.Actors.Fuzz;

/// <summary>The statuses an operation of the OpenAPI document says it answers: the keys of its <c>responses</c>.</summary>
internal static class DocumentedStatuses
{
    public static IReadOnlySet<int> Of(JsonNode operation) =>
        (operation["responses"] as JsonObject ?? [])
            .Select(r => int.TryParse(r.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 0)
            .Where(status => status > 0)
            .ToHashSet();
}
